{{- define "dolphincluster-operator.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dolphincluster-operator.labels" -}}
app.kubernetes.io/name: dolphincluster-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "dolphincluster-operator.selector" -}}
app.kubernetes.io/name: dolphincluster-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
