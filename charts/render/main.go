// Command render renders a Helm chart's templates the way `helm template` does for the subset this
// project's chart uses (values.yaml plus -f files, .Release, .Chart, sprig functions, include,
// toYaml, required), so the chart can be checked on machines without the helm binary. It uses the
// same template engine as Helm (Go text/template with sprig v3). Output: the chart's crds/ files,
// then every rendered template, as one multi-document YAML stream on stdout.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"gopkg.in/yaml.v3"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	chartDir := flag.String("chart", "", "chart directory")
	release := flag.String("name", "dolphincluster-operator", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	var extra valueFiles
	flag.Var(&extra, "f", "values file merged over values.yaml (repeatable)")
	flag.Parse()
	if err := render(*chartDir, *release, *namespace, extra); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
}

func render(chartDir, release, namespace string, extra []string) error {
	chart, err := readYaml(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	values, err := readYaml(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range extra {
		override, err := readYaml(file)
		if err != nil {
			return err
		}
		values = merge(values, override)
	}
	top := map[string]interface{}{
		"Values":  values,
		"Release": map[string]interface{}{"Name": release, "Namespace": namespace, "Service": "Helm"},
		"Chart": map[string]interface{}{"Name": chart["name"], "Version": chart["version"],
			"AppVersion": chart["appVersion"]},
	}
	var out bytes.Buffer
	if err := copyCrds(filepath.Join(chartDir, "crds"), &out); err != nil {
		return err
	}
	tmpl := template.New("chart").Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	funcs["toYaml"] = toYaml
	funcs["required"] = required
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := tmpl.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	tmpl.Funcs(funcs)
	files, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if _, err := tmpl.New(filepath.Base(file)).Parse(string(text)); err != nil {
			return err
		}
	}
	for _, file := range files {
		name := filepath.Base(file)
		if strings.HasPrefix(name, "_") || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, name, top); err != nil {
			return err
		}
		if strings.TrimSpace(buf.String()) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s/templates/%s\n%s\n", filepath.Base(chartDir), name,
			strings.TrimSpace(buf.String()))
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

func copyCrds(dir string, out *bytes.Buffer) error {
	files, _ := filepath.Glob(filepath.Join(dir, "*.y*ml"))
	sort.Strings(files)
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "---\n# Source: %s/crds/%s\n%s\n", filepath.Base(filepath.Dir(dir)),
			filepath.Base(file), strings.TrimSpace(string(text)))
	}
	return nil
}

func readYaml(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(text, &values); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return values, nil
}

// merge returns base with override laid over it, maps merged key by key, as Helm merges values.
func merge(base, override map[string]interface{}) map[string]interface{} {
	for key, value := range override {
		if child, ok := value.(map[string]interface{}); ok {
			if existing, ok := base[key].(map[string]interface{}); ok {
				base[key] = merge(existing, child)
				continue
			}
		}
		base[key] = value
	}
	return base
}

func toYaml(value interface{}) string {
	var buf bytes.Buffer
	encoder := yaml.NewEncoder(&buf)
	encoder.SetIndent(2)
	if err := encoder.Encode(value); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func required(message string, value interface{}) (interface{}, error) {
	if value == nil || value == "" {
		return nil, fmt.Errorf("%s", message)
	}
	return value, nil
}
