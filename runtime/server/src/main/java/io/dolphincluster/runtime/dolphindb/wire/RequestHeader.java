package io.dolphincluster.runtime.dolphindb.wire;

/**
 * The first line of a request: {@code API|API2 <sessionId> <bodyLength>[ /
 * <flag>_<cancel>_<priority>_<parallelism> _<rootJob>_<fetchSize>_<offset>_<clientId>_<seqNo>]};
 * trailing slots may be left out, empty slots are empty.
 */
record RequestHeader(String sessionId, int bodyLength, int flags, String clientId, long seqNo) {
    private static final int MAX_SESSION_ID = 64;

    static RequestHeader parse(String line, int maxBodyBytes) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 && parts.length != 5)
            throw bad("a header of " + parts.length + " fields: '" + shorten(line) + "'");
        if (!parts[0].equals("API") && !parts[0].equals("API2"))
            throw bad("a request must start with API or API2");
        String sessionId = parts[1];
        if (sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID)
            throw bad("a bad session id");
        int bodyLength = number(parts[2], "body length");
        if (bodyLength < 0 || bodyLength > maxBodyBytes)
            throw bad("a body of " + parts[2] + " bytes (at most " + maxBodyBytes + ")");
        if (parts.length == 3) return new RequestHeader(sessionId, bodyLength, 0, null, 0);
        if (!parts[3].equals("/")) throw bad("the properties must follow ' / '");
        String[] slots = parts[4].split("_", -1);
        if (slots.length > 9) throw bad(slots.length + " property slots (at most 9)");
        int flags = slots[0].isEmpty() ? 0 : number(slots[0], "flag");
        String clientId = slots.length > 7 && !slots[7].isEmpty() ? slots[7] : null;
        if (clientId != null && clientId.length() > MAX_SESSION_ID)
            throw bad("a client id of " + clientId.length() + " characters");
        long seqNo =
                slots.length > 8 && !slots[8].isEmpty()
                        ? longNumber(slots[8], "sequence number")
                        : 0;
        return new RequestHeader(sessionId, bodyLength, flags, clientId, seqNo);
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad("a " + what + " that is not a number: '" + shorten(text) + "'");
        }
    }

    private static long longNumber(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad("a " + what + " that is not a number: '" + shorten(text) + "'");
        }
    }

    static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static MalformedRequestException bad(String what) {
        return new MalformedRequestException("Invalid request: " + what);
    }
}
