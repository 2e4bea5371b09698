package io.dolphincluster.protocol.wire;

/**
 * A frame whose length prefix is above the allowed maximum; raised as soon as the prefix is read,
 * before buffering.
 */
public final class FrameTooLargeException extends WireFormatException {
    public FrameTooLargeException(long length, int max) {
        super("frame of " + length + " bytes is larger than the maximum of " + max + " bytes");
    }
}
