package io.parley.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientResponse;
import io.undertow.client.ClientStatistics;
import io.undertow.client.ContinueNotification;
import io.undertow.client.PushCallback;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.AttachmentList;
import io.undertow.util.StatusCodes;
import org.xnio.Buffers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.Option;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.EmptyStreamSourceConduit;
import org.xnio.conduits.PushBackStreamSourceConduit;
import org.xnio.conduits.StreamSourceChannelWrappingConduit;

/**
 * A proxy client whose connections hand a service's answer to Undertow's {@code ProxyHandler} only once it is whole
 * (up to {@code limit} bytes of body; a larger one is passed on as it comes, and an upgrade at once).
 * <p>
 * Why: the proxy counts a response as started as soon as the service's status line and headers are in, and from
 * then on any failure (the service killed before the rest of its answer, or the answer time running out between
 * its two writes: Tomcat sends JSON as a chunk, then the last chunk when the request is done) closes the client's
 * connection, with nothing or half an answer sent: the client reads an EOF (the fault suite's broken connections,
 * docs/reliability.md). Held here until whole, such an answer is still unsent when the failure comes, so the client
 * gets the gateway's 503 instead (or a read is tried again, as Undertow does for idempotent requests).
 */
final class WholeAnswers implements ProxyClient {

    private final ProxyClient delegate;
    private final int limit;

    WholeAnswers(ProxyClient delegate, int limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return delegate.findTarget(exchange);
    }

    @Override
    public List<ProxyTarget> getAllTargets() {
        return delegate.getAllTargets();
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange, ProxyCallback<ProxyConnection> callback,
                              long timeout, TimeUnit timeUnit) {
        delegate.getConnection(target, exchange, new ProxyCallback<>() {
            @Override
            public void completed(HttpServerExchange completed, ProxyConnection connection) {
                callback.completed(completed, new ProxyConnection(new Connection(connection.getConnection()),
                        connection.getTargetPath()));
            }

            @Override
            public void failed(HttpServerExchange failed) {
                callback.failed(failed);
            }

            @Override
            public void couldNotResolveBackend(HttpServerExchange unresolved) {
                callback.couldNotResolveBackend(unresolved);
            }

            @Override
            public void queuedRequestFailed(HttpServerExchange queued) {
                callback.queuedRequestFailed(queued);
            }
        }, timeout, timeUnit);
    }

    private enum State { READING, WHOLE, STREAMED, FAILED }

    /** The pooled connection to the service, whose exchanges hold their answers until whole. */
    private final class Connection implements ClientConnection {

        private final ClientConnection connection;

        Connection(ClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public void sendRequest(ClientRequest request, ClientCallback<ClientExchange> callback) {
            connection.sendRequest(request, new ClientCallback<>() {
                @Override
                public void completed(ClientExchange sent) {
                    callback.completed(new Exchange(sent, Connection.this));
                }

                @Override
                public void failed(IOException e) {
                    callback.failed(e);
                }
            });
        }

        @Override
        public StreamConnection performUpgrade() throws IOException {
            return connection.performUpgrade();
        }

        @Override
        public ByteBufferPool getBufferPool() {
            return connection.getBufferPool();
        }

        @Override
        public SocketAddress getPeerAddress() {
            return connection.getPeerAddress();
        }

        @Override
        public <A extends SocketAddress> A getPeerAddress(Class<A> type) {
            return connection.getPeerAddress(type);
        }

        @Override
        public ChannelListener.Setter<? extends ClientConnection> getCloseSetter() {
            return connection.getCloseSetter();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return connection.getLocalAddress();
        }

        @Override
        public <A extends SocketAddress> A getLocalAddress(Class<A> type) {
            return connection.getLocalAddress(type);
        }

        @Override
        public XnioWorker getWorker() {
            return connection.getWorker();
        }

        @Override
        public XnioIoThread getIoThread() {
            return connection.getIoThread();
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public boolean supportsOption(Option<?> option) {
            return connection.supportsOption(option);
        }

        @Override
        public <T> T getOption(Option<T> option) throws IOException {
            return connection.getOption(option);
        }

        @Override
        public <T> T setOption(Option<T> option, T value) throws IOException {
            return connection.setOption(option, value);
        }

        @Override
        public boolean isUpgraded() {
            return connection.isUpgraded();
        }

        @Override
        public boolean isPushSupported() {
            return connection.isPushSupported();
        }

        @Override
        public boolean isMultiplexingSupported() {
            return connection.isMultiplexingSupported();
        }

        @Override
        public ClientStatistics getStatistics() {
            return connection.getStatistics();
        }

        @Override
        public boolean isUpgradeSupported() {
            return connection.isUpgradeSupported();
        }

        @Override
        public void addCloseListener(ChannelListener<ClientConnection> listener) {
            connection.addCloseListener(listener);
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    /**
     * One request to the service. Its answer is read here (on the connection's IO thread, where the proxy's own
     * callbacks run too) and given to the proxy once whole; a failure before that is given to the proxy as a failed
     * exchange, before anything was sent to the client.
     */
    private final class Exchange implements ClientExchange {

        private final ClientExchange exchange;
        private final Connection connection;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final ByteBuffer buffer = ByteBuffer.allocate(8192);
        private ClientCallback<ClientExchange> listener;
        private StreamSourceChannel from;
        private StreamSourceChannel answer;
        private State state = State.READING;

        Exchange(ClientExchange exchange, Connection connection) {
            this.exchange = exchange;
            this.connection = connection;
        }

        @Override
        public void setResponseListener(ClientCallback<ClientExchange> proxy) {
            this.listener = proxy;
            exchange.setResponseListener(new ClientCallback<>() {
                @Override
                public void completed(ClientExchange answered) {
                    from = answered.getResponseChannel();
                    if (answered.getResponse().getResponseCode() == StatusCodes.SWITCHING_PROTOCOLS) {
                        answer = from;
                        state = State.STREAMED;
                        listener.completed(Exchange.this);
                    } else {
                        read();
                    }
                }

                @Override
                public void failed(IOException e) {
                    switch (state) {
                        case READING -> fail(e);
                        // as Undertow does for an answer passed on as it comes
                        case STREAMED -> listener.failed(e);
                        // the proxy has all of it, or has the failure already
                        case WHOLE, FAILED -> { }
                    }
                }
            });
        }

        private void read() {
            try {
                while (true) {
                    buffer.clear();
                    int read = from.read(buffer);
                    if (read > 0) {
                        body.write(buffer.array(), 0, read);
                        if (body.size() > limit) {
                            from.suspendReads();
                            handOver(State.STREAMED);
                            return;
                        }
                    } else if (read == 0) {
                        from.getReadSetter().set((ChannelListener<StreamSourceChannel>) channel -> read());
                        from.resumeReads();
                        return;
                    } else {
                        from.suspendReads();
                        from.getReadSetter().set(null);
                        handOver(State.WHOLE);
                        return;
                    }
                }
            } catch (IOException e) {
                IoUtils.safeClose(from);
                IoUtils.safeClose(connection);
                fail(e);
            }
        }

        /** The body read so far, then (if not whole) the rest as it comes. */
        private void handOver(State handed) {
            PushBackStreamSourceConduit answered = new PushBackStreamSourceConduit(handed == State.WHOLE
                    ? new EmptyStreamSourceConduit(from.getIoThread())
                    : new StreamSourceChannelWrappingConduit(from));
            if (body.size() > 0) {
                answered.pushBack(Buffers.pooledWrapper(ByteBuffer.wrap(body.toByteArray())));
            }
            answer = new ConduitStreamSourceChannel(from, answered);
            state = handed;
            listener.completed(this);
        }

        private void fail(IOException e) {
            if (state == State.READING) {
                state = State.FAILED;
                listener.failed(e);
            }
        }

        @Override
        public void setContinueHandler(ContinueNotification continueHandler) {
            exchange.setContinueHandler(continueHandler);
        }

        @Override
        public void setPushHandler(PushCallback pushCallback) {
            exchange.setPushHandler(pushCallback);
        }

        @Override
        public StreamSinkChannel getRequestChannel() {
            return exchange.getRequestChannel();
        }

        @Override
        public StreamSourceChannel getResponseChannel() {
            return answer;
        }

        @Override
        public ClientRequest getRequest() {
            return exchange.getRequest();
        }

        @Override
        public ClientResponse getResponse() {
            return exchange.getResponse();
        }

        @Override
        public ClientResponse getContinueResponse() {
            return exchange.getContinueResponse();
        }

        @Override
        public ClientConnection getConnection() {
            return connection;
        }

        @Override
        public <T> T getAttachment(AttachmentKey<T> key) {
            return exchange.getAttachment(key);
        }

        @Override
        public <T> List<T> getAttachmentList(AttachmentKey<? extends List<T>> key) {
            return exchange.getAttachmentList(key);
        }

        @Override
        public <T> T putAttachment(AttachmentKey<T> key, T value) {
            return exchange.putAttachment(key, value);
        }

        @Override
        public <T> T removeAttachment(AttachmentKey<T> key) {
            return exchange.removeAttachment(key);
        }

        @Override
        public <T> void addToAttachmentList(AttachmentKey<AttachmentList<T>> key, T value) {
            exchange.addToAttachmentList(key, value);
        }
    }
}
