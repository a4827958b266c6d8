package org.sanwang.ops.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP/1.1 load generator: requests are submitted when they are due, wait in one queue
 * for the next free keep-alive connection, and each is timed from when it was due, so a hub that
 * falls behind shows it in the latency instead of slowing the sender (no coordinated omission).
 * One selector thread, no pipelining, answers read by their Content-Length.
 *
 * <p>Hand-written because the clients at hand measured themselves: on this 2-core machine the JDK's
 * HttpClient and Pekko HTTP's client pool each topped out near 2,000 posts/s beside the hub, and
 * AsyncHttpClient blocks the sender while it waits for a connection.
 */
final class OpenLoop implements AutoCloseable {
  private record Due(long at, byte[] request) {}

  private final Selector selector;
  private final ConcurrentLinkedQueue<Due> submitted = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Due> waiting = new ArrayDeque<>();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final Thread loop;
  private volatile boolean running = true;

  final Histogram latency = new ConcurrentHistogram(Duration.ofMinutes(5).toNanos(), 3);
  final AtomicLong answered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  OpenLoop(InetSocketAddress address, int connections) throws IOException {
    selector = Selector.open();
    for (int i = 0; i < connections; i++) {
      var channel = SocketChannel.open(address);
      channel.configureBlocking(false);
      channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      var connection = new Connection(channel);
      connection.key = channel.register(selector, 0, connection);
      idle.add(connection);
    }
    loop = new Thread(this::run, "open-loop");
    loop.setDaemon(true);
    loop.start();
  }

  /** A request due at {@code dueNanos} (System.nanoTime); the whole request, head and body. */
  void submit(long dueNanos, byte[] request) {
    submitted.add(new Due(dueNanos, request));
    selector.wakeup();
  }

  long done() {
    return answered.get() + failed.get();
  }

  private void run() {
    try {
      while (running) {
        selector.select(100);
        for (var key : selector.selectedKeys()) {
          var connection = (Connection) key.attachment();
          try {
            if (key.isValid() && key.isWritable()) connection.write();
            if (key.isValid() && key.isReadable()) connection.read();
          } catch (IOException | RuntimeException e) {
            connection.fail();
          }
        }
        selector.selectedKeys().clear();
        for (Due d; (d = submitted.poll()) != null; ) waiting.add(d);
        while (!waiting.isEmpty() && !idle.isEmpty()) {
          var connection = idle.poll();
          try {
            connection.send(waiting.poll());
          } catch (IOException | RuntimeException e) {
            connection.fail();
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    selector.wakeup();
    loop.join(5_000);
    for (var key : selector.keys()) key.channel().close();
    selector.close();
  }

  /** Where an HTTP/1.1 answer's head ends in {@code bytes[0, length)} (after its blank line), -1 while it has not. */
  static int headEnd(byte[] bytes, int length) {
    for (int i = 3; i < length; i++)
      if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') return i + 1;
    return -1;
  }

  private final class Connection {
    final SocketChannel channel;
    SelectionKey key;
    Due current;
    ByteBuffer out;
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void send(Due due) throws IOException {
      current = due;
      out = ByteBuffer.wrap(due.request());
      write();
    }

    void write() throws IOException {
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
    }

    void read() throws IOException {
      if (channel.read(in) < 0) throw new IOException("closed by the server");
      int status = answer();
      if (status == 0) return;
      latency.recordValue(Math.max(0, System.nanoTime() - current.at()));
      (status / 100 == 2 ? answered : failed).incrementAndGet();
      current = null;
      key.interestOps(0);
      if (!waiting.isEmpty()) send(waiting.poll());
      else idle.add(this);
    }

    /** The status of a complete answer in {@code in} (consumed), or 0 while it is incomplete. */
    private int answer() {
      byte[] bytes = in.array();
      int end = headEnd(bytes, in.position());
      if (end < 0) return 0;
      String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : head.split("\r\n"))
        if (line.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(line.substring(15).trim());
        else if (line.regionMatches(true, 0, "transfer-encoding:", 0, 18)) throw new IllegalStateException("chunked answers are not read");
      if (in.position() < end + length) return 0;
      int status = Integer.parseInt(head.substring(9, 12));
      int rest = in.position() - end - length;
      System.arraycopy(bytes, end + length, bytes, 0, rest);
      in.position(rest);
      return status;
    }

    void fail() {
      if (current != null) {
        latency.recordValue(Math.max(0, System.nanoTime() - current.at()));
        failed.incrementAndGet();
        current = null;
      }
      key.cancel();
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing what already failed
      }
    }
  }
}
