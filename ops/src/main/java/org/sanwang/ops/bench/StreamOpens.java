package org.sanwang.ops.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Stream opens in a closed loop: {@code slots} clients, each connecting, sending one GET of an SSE
 * stream, waiting for the answer's head (the stream is open: the hub has subscribed the client),
 * closing, and starting again at once. One selector thread; a close sends a reset (linger 0), so
 * hundreds of thousands of opens do not use up the loopback's ports in TIME_WAIT. What a reconnect
 * storm or a console full of phones coming back costs, per open, without the fan-out that follows.
 */
final class StreamOpens {
  /** What a run measured: latency from connect to the answer's head, in nanoseconds. */
  record Result(long opened, long failed, double seconds, Histogram latency) {
    double perSecond() {
      return opened / seconds;
    }
  }

  private final InetSocketAddress server;
  private final IntFunction<byte[]> request;

  /** {@code request} makes the n-th open's request, head only. */
  StreamOpens(InetSocketAddress server, IntFunction<byte[]> request) {
    this.server = server;
    this.request = request;
  }

  /** Stream GETs for {@code paths} in turn, with a bearer token. */
  static StreamOpens of(InetSocketAddress server, List<String> paths, String token) {
    return new StreamOpens(server, n -> ("GET " + paths.get(n % paths.size()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  Result run(int slots, Duration duration) throws IOException {
    var latency = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
    long opened = 0, failed = 0;
    int n = 0;
    long start = System.nanoTime(), end = start + duration.toNanos();
    try (var selector = Selector.open()) {
      for (int i = 0; i < slots; i++) open(selector, n++);
      while (System.nanoTime() < end) {
        selector.select(100);
        for (var key : selector.selectedKeys()) {
          var open = (Open) key.attachment();
          int status;
          try {
            status = open.step(key);
          } catch (IOException e) {
            status = -1;
          }
          if (status == 0) continue;
          latency.recordValue(Math.max(0, System.nanoTime() - open.started));
          if (status == 200) opened++;
          else failed++;
          reset(key);
          open(selector, n++);
        }
        selector.selectedKeys().clear();
      }
      for (var key : selector.keys()) reset(key);
    }
    return new Result(opened, failed, (System.nanoTime() - start) / 1e9, latency);
  }

  private void open(Selector selector, int n) throws IOException {
    var channel = SocketChannel.open();
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    var open = new Open(ByteBuffer.wrap(request.apply(n)));
    boolean connected = channel.connect(server);
    var key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, open);
    if (connected) open.step(key);
  }

  private static void reset(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException ignored) {
      // a reset of what is already gone
    }
  }

  /** One open under way: its request, and the answer's head as far as it came. */
  private static final class Open {
    final long started = System.nanoTime();
    final ByteBuffer out;
    final ByteBuffer in = ByteBuffer.allocate(8 * 1024);

    Open(ByteBuffer out) {
      this.out = out;
    }

    /** The answer's status once its head is in, 0 while it is not, -1 for a connection that ended first. */
    int step(SelectionKey key) throws IOException {
      var channel = (SocketChannel) key.channel();
      if (key.isConnectable() && !channel.finishConnect()) return 0;
      if (out.hasRemaining()) {
        channel.write(out);
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        return 0;
      }
      if (channel.read(in) < 0) return -1;
      if (OpenLoop.headEnd(in.array(), in.position()) > 0) return Integer.parseInt(new String(in.array(), 9, 3, StandardCharsets.ISO_8859_1));
      return in.hasRemaining() ? 0 : -1;
    }
  }
}
