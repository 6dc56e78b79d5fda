package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server's framing over real sockets, driven by a raw client that writes bytes exactly as chosen. */
class LinkFramingTest {
    private static final int SOCKET_READ_TIMEOUT_MILLIS = 5_000;
    private static final TestCodec CODEC = new TestCodec();

    private final Links links = new Links();

    @AfterEach
    void closeLinks() throws Exception {
        links.close();
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void readsAFrameSplitAcrossManyTcpWrites(LengthHeader header) throws Exception {
        Framing framing = Framing.of(header);
        LinkServer<TestMessage> server = echoServer(framing);
        try (Socket socket = rawClient(server)) {
            OutputStream out = socket.getOutputStream();
            byte[] frame = FrameReaderTest.framed(header, "Qsplit|" + "z".repeat(200));
            for (int i = 0; i < frame.length; i++) {
                out.write(frame[i]);
                out.flush();
                if (i % 50 == 0) {
                    Thread.sleep(1);
                }
            }

            TestMessage answer = CODEC.decode(new FrameReader(socket.getInputStream(), framing).readFrame());
            assertThat(answer).isEqualTo(new TestMessage(true, "split", "re:" + "z".repeat(200)));
        }
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void readsManyFramesFromOneTcpWrite(LengthHeader header) throws Exception {
        Framing framing = Framing.of(header);
        LinkServer<TestMessage> server = echoServer(framing);
        int count = 200;
        try (Socket socket = rawClient(server)) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                burst.writeBytes(FrameReaderTest.framed(header, "Qk" + i + "|b" + i));
            }
            socket.getOutputStream().write(burst.toByteArray());

            FrameReader reader = new FrameReader(socket.getInputStream(), framing);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < count; i++) {
                TestMessage answer = CODEC.decode(reader.readFrame());
                assertThat(answer.body()).isEqualTo("re:b" + answer.key().substring(1));
                keys.add(answer.key());
            }
            assertThat(keys).hasSize(count);
        }
    }

    @Test
    void closesTheConnectionOnADeclaredLengthOverTheMaximum() throws Exception {
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkServer<TestMessage> server = links.server(Links.serverConfig().build(), Links.echoHost(), events);
        try (Socket socket = rawClient(server)) {
            socket.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, 'Q'});

            assertThat(readToEnd(socket.getInputStream())).isEmpty();
        }
        Eventually.within(SOCKET_READ_TIMEOUT_MILLIS, "protocol error reported", () -> !events.protocolErrors.isEmpty());
        assertThat(events.protocolErrors).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("frame declares 65535 bytes, over the maximum of 8192 bytes (BINARY_2 header)");
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void reportsAPeerThatDisconnectsInsideAFrame() throws Exception {
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkServer<TestMessage> server = links.server(Links.serverConfig().build(), Links.echoHost(), events);
        try (Socket socket = rawClient(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(LengthHeader.BINARY_2.encode(100));
            out.write("Qcut|0123".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
        }
        Eventually.within(SOCKET_READ_TIMEOUT_MILLIS, "protocol error reported", () -> !events.protocolErrors.isEmpty());
        assertThat(events.protocolErrors).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("peer closed the connection inside a frame: 9 of 100 bytes");
        Eventually.within(SOCKET_READ_TIMEOUT_MILLIS, "connection gone", () -> server.connectionCount() == 0);
    }

    private LinkServer<TestMessage> echoServer(Framing framing) throws Exception {
        return links.server(Links.serverConfig().framing(framing).build(), Links.echoHost(), LinkListener.silent());
    }

    private static Socket rawClient(LinkServer<TestMessage> server) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.localPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(SOCKET_READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] readToEnd(InputStream in) throws Exception {
        return in.readAllBytes();
    }
}
