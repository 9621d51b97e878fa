package io.xsql.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;

/**
 * Decodes bytes strictly: undecodable bytes fail instead of becoming replacement characters. Unlike
 * {@link java.io.InputStreamReader}, it first hands out every character before the bad bytes, so the
 * reader above knows the line they are on.
 */
final class DecodingReader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private boolean eof;
  /** Whether the decoder was flushed: it then takes no more calls, and the reader is at its end. */
  private boolean flushed;
  private CoderResult error;

  DecodingReader(InputStream in, java.nio.charset.Charset charset) {
    this.in = in;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (error != null) {
      throw new MalformedInputException(error.length());
    }
    if (flushed) {
      return -1;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, eof);
      int produced = out.position() - offset;
      if (result.isError()) {
        error = result;
        if (produced > 0) {
          return produced;
        }
        throw new MalformedInputException(result.length());
      }
      if (result.isOverflow() || produced > 0) {
        return produced;
      }
      if (eof) {
        decoder.flush(out);
        flushed = true;
        produced = out.position() - offset;
        return produced > 0 ? produced : -1;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
