package io.dolphincluster.runtime.dolphindb.wire;

/**
 * A request's text body: {@code connect\n[login\nuser\npassword]}, {@code script\n<script>}, {@code
 * function\n<expression>\n<argCount>\n<endian>[\n]} or {@code
 * variable\n<names>\n<count>\n<endian>[\n]}. The expression is taken as everything between the
 * first line and the last two (it may hold line breaks).
 */
record RequestBody(ApiRequest.Kind kind, String text, int objectCount) {
    static final int MAX_OBJECTS = 4096;

    static RequestBody parse(String body) {
        int firstBreak = body.indexOf('\n');
        String kind = firstBreak < 0 ? body : body.substring(0, firstBreak);
        String rest = firstBreak < 0 ? "" : body.substring(firstBreak + 1);
        switch (kind) {
            case "connect":
                return new RequestBody(ApiRequest.Kind.CONNECT, rest, 0);
            case "script":
                return new RequestBody(ApiRequest.Kind.SCRIPT, rest, 0);
            case "function":
                return withObjects(ApiRequest.Kind.FUNCTION, rest);
            case "variable":
                return withObjects(ApiRequest.Kind.VARIABLE, rest);
            default:
                throw new MalformedRequestException(
                        "Invalid request: unknown request type '"
                                + RequestHeader.shorten(kind)
                                + "'");
        }
    }

    private static RequestBody withObjects(ApiRequest.Kind kind, String rest) {
        String trimmed = rest.endsWith("\n") ? rest.substring(0, rest.length() - 1) : rest;
        int endianBreak = trimmed.lastIndexOf('\n');
        int countBreak = endianBreak <= 0 ? -1 : trimmed.lastIndexOf('\n', endianBreak - 1);
        if (countBreak < 0)
            throw new MalformedRequestException(
                    "Invalid request: a "
                            + kind.name().toLowerCase()
                            + " request needs a name, a count and a byte order");
        String endian = trimmed.substring(endianBreak + 1);
        if (!endian.equals("1"))
            throw new MalformedRequestException(
                    "Invalid request: only little-endian arguments (1) are supported, got '"
                            + RequestHeader.shorten(endian)
                            + "'");
        int count;
        try {
            count = Integer.parseInt(trimmed.substring(countBreak + 1, endianBreak));
        } catch (NumberFormatException e) {
            throw new MalformedRequestException(
                    "Invalid request: the argument count is not a number");
        }
        if (count < 0 || count > MAX_OBJECTS)
            throw new MalformedRequestException(
                    "Invalid request: " + count + " arguments (at most " + MAX_OBJECTS + ")");
        return new RequestBody(kind, trimmed.substring(0, countBreak), count);
    }
}
