package io.dolphincluster.runtime.dolphindb.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds where a run of serialized objects ends without decoding them, as bytes arrive. DolphinDB's
 * requests carry objects with no length prefix, so a server must walk their structure to know when
 * a request is complete. The scanner keeps its place between calls and never looks at a byte twice
 * (strings are skipped by searching for their NUL, fixed-width blocks by their size), so a request
 * of n bytes costs O(n) however it is split. It checks the structure as it goes (forms, types,
 * counts, nesting) and refuses anything it cannot skip with a {@link MalformedObjectException}; it
 * allocates nothing per element.
 */
public final class ObjectScanner {
    static final int MAX_DEPTH = 64;

    private enum Kind {
        OBJECTS,
        VECTOR_HEADER,
        TABLE_HEADER,
        SYMBOL_BASE,
        BYTES,
        STRINGS,
        BLOBS
    }

    private static final class Task {
        final Kind kind;
        long count;
        final int type;

        Task(Kind kind, long count, int type) {
            this.kind = kind;
            this.count = count;
            this.type = type;
        }
    }

    private final Deque<Task> tasks = new ArrayDeque<>();
    private final long maxBytes;

    /**
     * How far the scan has come, counted from the buffer's reader index (which must not move
     * meanwhile).
     */
    private long position;

    private ByteBuf buf;

    /** A scanner for {@code objects} objects; a run longer than {@code maxBytes} is refused. */
    public ObjectScanner(int objects, long maxBytes) {
        this.maxBytes = maxBytes;
        if (objects > 0) tasks.push(new Task(Kind.OBJECTS, objects, 0));
    }

    /**
     * Scans the objects that start at {@code buf}'s reader index, going on from where the last call
     * stopped (the buffer may have been compacted meanwhile, but its reader index must still be the
     * objects' start). True once every object is complete; then {@link #end()} is their length.
     */
    public boolean scan(ByteBuf buf) {
        this.buf = buf;
        while (!tasks.isEmpty()) {
            if (!step(tasks.peek())) return false;
            if (position > maxBytes)
                throw new MalformedObjectException(
                        "the request's objects are larger than " + maxBytes + " bytes");
        }
        return true;
    }

    /** The length of the objects (valid once {@link #scan} returned true). */
    public long end() {
        return position;
    }

    private int at(long offset) {
        return (int) (buf.readerIndex() + position + offset);
    }

    private boolean step(Task task) {
        long available = buf.writerIndex() - (long) at(0);
        switch (task.kind) {
            case OBJECTS:
                if (task.count == 0) {
                    tasks.pop();
                    return true;
                }
                if (available < 2) return false;
                task.count--;
                int type = buf.getUnsignedByte(at(0));
                int form = buf.getUnsignedByte(at(1));
                position += 2;
                object(type, form);
                return true;
            case VECTOR_HEADER:
                if (available < 8) return false;
                tasks.pop();
                vector(task.type, buf.getIntLE(at(0)), buf.getIntLE(at(4)));
                position += 8;
                return true;
            case TABLE_HEADER:
                if (available < 8) return false;
                tasks.pop();
                int rows = buf.getIntLE(at(0));
                int cols = buf.getIntLE(at(4));
                if (rows < 0 || cols < 0)
                    throw new MalformedObjectException(
                            "a table with " + rows + " rows and " + cols + " columns");
                position += 8;
                push(Kind.OBJECTS, cols, 0);
                push(Kind.STRINGS, cols + 1L, 0); // the table's name, then the column names
                return true;
            case SYMBOL_BASE:
                if (available < 8) return false;
                tasks.pop();
                int size = buf.getIntLE(at(4));
                if (size < 0)
                    throw new MalformedObjectException("a symbol base of " + size + " symbols");
                position += 8;
                push(Kind.BYTES, task.count * 4, 0);
                push(Kind.STRINGS, size, 0);
                return true;
            case BYTES:
                if (available < task.count) return false;
                position += task.count;
                tasks.pop();
                return true;
            case STRINGS:
                return strings(task);
            case BLOBS:
                if (task.count == 0) {
                    tasks.pop();
                    return true;
                }
                if (available < 4) return false;
                int length = buf.getIntLE(at(0));
                if (length < 0)
                    throw new MalformedObjectException("a BLOB of " + length + " bytes");
                position += 4;
                task.count--;
                push(Kind.BYTES, length, 0);
                return true;
            default:
                throw new IllegalStateException(task.kind.toString());
        }
    }

    private boolean strings(Task task) {
        while (task.count > 0) {
            int nul = buf.indexOf(at(0), buf.writerIndex(), (byte) 0);
            if (nul < 0) {
                position =
                        buf.writerIndex()
                                - buf.readerIndex(); // only NULs matter: the bytes before them
                // need not be seen again
                return false;
            }
            position = nul + 1L - buf.readerIndex();
            task.count--;
        }
        tasks.pop();
        return true;
    }

    private void object(int prefixType, int formCode) {
        int type = prefixType & ~WireTypes.EXTENDED;
        switch (formCode) {
            case 0 -> scalar(prefixType, type);
            case 1, 2 -> push(Kind.VECTOR_HEADER, 0, prefixType);
            case 4 -> push(Kind.OBJECTS, 1, 0); // a set: its key vector
            case 5 -> push(Kind.OBJECTS, 2, 0); // a dictionary: keys, then values
            case 6 -> push(Kind.TABLE_HEADER, 0, 0);
            default ->
                    throw new MalformedObjectException(
                            "objects of form " + formCode + " are not supported");
        }
    }

    private void scalar(int prefixType, int type) {
        if (prefixType >= WireTypes.EXTENDED)
            throw new MalformedObjectException("an extended " + WireTypes.name(type) + " scalar");
        if (type == WireTypes.FUNCTIONDEF) {
            push(Kind.STRINGS, 1, 0);
            push(Kind.BYTES, 1, 0);
        } else if (WireTypes.isText(type)) {
            push(Kind.STRINGS, 1, 0);
        } else if (type == WireTypes.BLOB) {
            push(Kind.BLOBS, 1, 0);
        } else if (WireTypes.isDecimal(type)) {
            push(Kind.BYTES, 4L + WireTypes.decimalWidth(type), 0);
        } else if (WireTypes.width(type) > 0) {
            push(Kind.BYTES, WireTypes.width(type), 0);
        } else {
            throw new MalformedObjectException(
                    "a scalar of " + WireTypes.name(type) + " cannot be read");
        }
    }

    private void vector(int prefixType, int rows, int cols) {
        int type = prefixType & ~WireTypes.EXTENDED;
        if (type == WireTypes.COMPRESSED) {
            if (rows < 0)
                throw new MalformedObjectException("a compressed vector of " + rows + " bytes");
            push(Kind.BYTES, rows, 0);
            return;
        }
        if (rows < 0 || cols != 1)
            throw new MalformedObjectException(
                    "a vector with " + rows + " rows and " + cols + " columns");
        if (type == WireTypes.SYMBOL && prefixType >= WireTypes.EXTENDED) {
            push(Kind.SYMBOL_BASE, rows, 0);
        } else if (prefixType >= WireTypes.EXTENDED) {
            throw new MalformedObjectException("an extended " + WireTypes.name(type) + " vector");
        } else if (type == WireTypes.VOID) {
            return; // a vector of NULLs carries no values
        } else if (type == WireTypes.ANY) {
            push(Kind.OBJECTS, rows, 0);
        } else if (WireTypes.isText(type)) {
            push(Kind.STRINGS, rows, 0);
        } else if (type == WireTypes.BLOB) {
            push(Kind.BLOBS, rows, 0);
        } else if (WireTypes.isDecimal(type)) {
            push(Kind.BYTES, (long) rows * WireTypes.decimalWidth(type), 0);
            push(Kind.BYTES, 4, 0);
        } else if (WireTypes.width(type) > 0) {
            push(Kind.BYTES, (long) rows * WireTypes.width(type), 0);
        } else {
            throw new MalformedObjectException(
                    "vectors of " + WireTypes.name(type) + " cannot be read");
        }
    }

    private void push(Kind kind, long count, int type) {
        if (tasks.size() >= MAX_DEPTH)
            throw new MalformedObjectException("objects nested more than " + MAX_DEPTH + " deep");
        long leastBytes = kind == Kind.OBJECTS ? count * 2 : kind == Kind.BLOBS ? count * 4 : count;
        if (leastBytes > maxBytes)
            throw new MalformedObjectException(
                    "a count of " + count + " in a request of at most " + maxBytes + " bytes");
        tasks.push(new Task(kind, count, type));
    }
}
