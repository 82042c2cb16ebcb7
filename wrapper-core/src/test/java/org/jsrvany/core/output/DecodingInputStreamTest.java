package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** AppOutputCodePage: a code page's bytes in, UTF-8 out, no character torn whatever the reads. */
class DecodingInputStreamTest {

    /** Hands out at most {@code step} bytes per read, as a pipe may. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    /** Every read's bytes, each checked to be whole UTF-8 characters on its own. */
    private static List<byte[]> reads(InputStream in) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        byte[] buffer = new byte[7];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n > 0) {
                byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static byte[] join(List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void oemCodePage437BytesBecomeUtf8() throws IOException {
        byte[] cp437 = {(byte) 0x82, 'l', (byte) 0x8E, (byte) 0xE1, ' ', (byte) 0xC9, (byte) 0xCD, '\r', '\n'};
        InputStream in = new DecodingInputStream(new ByteArrayInputStream(cp437), CodePages.charset(437).orElseThrow());
        assertThat(strictUtf8(in.readAllBytes())).isEqualTo("élÄß ╔═\r\n");
    }

    @Test
    void oemCodePage850BytesBecomeUtf8() throws IOException {
        byte[] cp850 = {(byte) 0x90, 't', (byte) 0x82, ' ', (byte) 0xD5, (byte) 0x9C, '\n'}; // "Eté ı£"
        InputStream in = new DecodingInputStream(new ByteArrayInputStream(cp850), CodePages.charset(850).orElseThrow());
        assertThat(strictUtf8(in.readAllBytes())).isEqualTo("Été ı£\n");
    }

    @ParameterizedTest(name = "code page {0}, {1} byte(s) per read")
    @CsvSource({"932,1", "932,3", "936,1", "936,2", "949,1", "950,1", "1200,1", "54936,1", "65001,1"})
    void doubleByteCharactersSplitAcrossReadsAreNeverTorn(int codePage, int step) throws IOException {
        Charset charset = CodePages.charset(codePage).orElseThrow();
        String text = "日本語のログ 行 1\n漢字と中文 line 2\n한국어 3 ✓\n";
        byte[] encoded = text.getBytes(charset); // what the code page cannot hold becomes '?'
        String expected = new String(encoded, charset);
        assertThat(expected).as("the sample has characters of this code page").contains("3");
        List<byte[]> chunks = reads(new DecodingInputStream(trickle(encoded, step), charset));
        for (byte[] chunk : chunks) {
            assertThat(strictUtf8(chunk)).as("every read holds whole UTF-8 characters").doesNotContain("\uFFFD");
        }
        assertThat(strictUtf8(join(chunks))).isEqualTo(expected);
    }

    @Test
    void aLeadByteLeftAtTheEndOfTheStreamBecomesOneReplacementCharacter() throws IOException {
        byte[] sjis = "ok\n".getBytes(Charset.forName("windows-31j"));
        byte[] unfinished = java.util.Arrays.copyOf(sjis, sjis.length + 1);
        unfinished[sjis.length] = (byte) 0x93; // the lead byte of 日 and nothing after it
        InputStream in = new DecodingInputStream(trickle(unfinished, 1), CodePages.charset(932).orElseThrow());
        assertThat(strictUtf8(in.readAllBytes())).isEqualTo("ok\n\uFFFD");
    }

    @Test
    void invalidUtf8Under65001IsRepairedNotPassedOn() throws IOException {
        byte[] bad = {'a', (byte) 0xFF, 'b', '\n'};
        InputStream in = new DecodingInputStream(new ByteArrayInputStream(bad), CodePages.charset(65001).orElseThrow());
        assertThat(strictUtf8(in.readAllBytes())).isEqualTo("a\uFFFDb\n");
    }

    @Test
    void largeInputComesThroughWhole() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("Zeile ").append(i).append(" äöü ÄÖÜ ß ░▒▓\n");
        }
        Charset cp850 = CodePages.charset(850).orElseThrow();
        byte[] encoded = text.toString().getBytes(cp850);
        InputStream in = new DecodingInputStream(trickle(encoded, 65_536), cp850);
        assertThat(strictUtf8(in.readAllBytes())).isEqualTo(text.toString());
    }

    @ParameterizedTest(name = "code page {0} is {1}")
    @CsvSource({"437,IBM437", "850,IBM850", "866,IBM866", "858,IBM00858", "1252,windows-1252", "1251,windows-1251",
            "932,windows-31j", "936,x-mswin-936", "949,x-windows-949", "950,x-windows-950", "65001,UTF-8",
            "1200,UTF-16LE", "20127,US-ASCII", "28591,ISO-8859-1", "54936,GB18030"})
    void codePageNumbersNameJavaCharsets(long codePage, String charset) {
        assertThat(CodePages.charset(codePage)).contains(Charset.forName(charset));
    }

    @ParameterizedTest(name = "code page {0} is not known")
    @CsvSource({"0", "1", "12345", "65536", "4294967295"})
    void unknownCodePagesAreEmpty(long codePage) {
        assertThat(CodePages.charset(codePage)).isEmpty();
    }
}
