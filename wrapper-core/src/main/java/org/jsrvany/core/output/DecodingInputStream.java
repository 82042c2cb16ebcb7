package org.jsrvany.core.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A child's output stream decoded from a code page ({@code AppOutputCodePage}) and handed on as UTF-8.
 * A character whose bytes arrive in two reads (a double-byte code page's lead byte at the end of one
 * read) is kept until its last byte comes, so no character is ever torn and the line muxer downstream
 * sees whole UTF-8 characters (its over-long-line cut respects them). Bytes that are not valid in the
 * code page become U+FFFD; an unfinished character at the end of the stream too.
 */
final class DecodingInputStream extends InputStream {
    private static final int SIZE = 16 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Bytes read and not decoded yet (write mode). */
    private final ByteBuffer raw = ByteBuffer.allocate(SIZE);
    /** Decoded characters not encoded yet, e.g. a high surrogate waiting for its pair (write mode). */
    private final CharBuffer chars = CharBuffer.allocate(SIZE);
    /** UTF-8 ready to be read (read mode). Three bytes per char at most, four per surrogate pair. */
    private final ByteBuffer out = ByteBuffer.allocate(3 * SIZE + 8).flip();
    private boolean eof;
    private boolean finished;

    DecodingInputStream(InputStream in, Charset from) {
        this.in = in;
        this.decoder = from.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!out.hasRemaining()) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.remaining());
        out.get(b, off, n);
        return n;
    }

    /** One read from the child, decoded and encoded as far as whole characters go. */
    private void fill() throws IOException {
        if (!eof) {
            int n = in.read(raw.array(), raw.position(), raw.remaining());
            if (n < 0) {
                eof = true;
            } else {
                raw.position(raw.position() + n);
            }
        }
        out.clear();
        raw.flip();
        CoderResult result;
        do {
            result = decoder.decode(raw, chars, eof);
            if (eof && result.isUnderflow()) {
                decoder.flush(chars);
            }
            encode();
        } while (result.isOverflow());
        raw.compact();
        if (eof) {
            encoder.encode(chars.flip(), out, true);
            encoder.flush(out);
            chars.clear();
            finished = true;
        }
        out.flip();
    }

    private void encode() {
        chars.flip();
        encoder.encode(chars, out, false); // a lone high surrogate stays for the next round
        chars.compact();
    }

    @Override
    public int available() throws IOException {
        return out.remaining();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
