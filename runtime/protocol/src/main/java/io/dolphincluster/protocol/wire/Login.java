package io.dolphincluster.protocol.wire;

import java.util.Objects;

/** The first message of every connection. {@link #toString()} never shows the password. */
public record Login(String user, String password) implements Message {
    public Login {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public MessageType type() {
        return MessageType.LOGIN;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(user).writeString(password);
    }

    static Login read(PayloadReader in) {
        return new Login(in.readRequiredString("user"), in.readRequiredString("password"));
    }

    @Override
    public String toString() {
        return "Login[user=" + user + "]";
    }
}
