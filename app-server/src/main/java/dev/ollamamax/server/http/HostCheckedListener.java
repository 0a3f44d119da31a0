package dev.ollamamax.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import java.util.Optional;

/**
 * A WebSocket endpoint behind the {@link HostPolicy}: the upgrade of a request whose {@code Host} is refused
 * is declined (the request then goes on as plain HTTP and {@link HostFilter} answers it 403); everything
 * else is passed to the endpoint's own listener.
 */
public final class HostCheckedListener implements WsListener {

    private final HostPolicy policy;
    private final WsListener delegate;

    public HostCheckedListener(HostPolicy policy, WsListener delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<String> why = policy.refusal(headers.first(HeaderNames.HOST));
        if (why.isPresent()) {
            throw new WsUpgradeException(why.get());
        }
        return delegate.onHttpUpgrade(prologue, headers);
    }

    @Override
    public void onOpen(WsSession session) {
        delegate.onOpen(session);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        delegate.onMessage(session, text, last);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        delegate.onMessage(session, buffer, last);
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        delegate.onPing(session, buffer);
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        delegate.onPong(session, buffer);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        delegate.onClose(session, status, reason);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        delegate.onError(session, t);
    }
}
