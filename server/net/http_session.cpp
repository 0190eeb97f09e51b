#include "net/http_session.hpp"

#include "common/log.hpp"
#include "net/header_block.hpp"
#include "net/http_responses.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <chrono>

namespace veche::net {

http_session::http_session(tcp::socket&& socket, std::shared_ptr<http_context> ctx)
    : stream_(std::move(socket)), ctx_(std::move(ctx)) {
    beast::error_code ec;
    remote_ = stream_.socket().remote_endpoint(ec);
    ctx_->metrics.connections_open.add(1);
}

http_session::~http_session() {
    ctx_->metrics.connections_open.sub(1);
    if (registry_id_) ctx_->connections->remove(registry_id_);
}

void http_session::run() {
    registry_id_ = ctx_->connections->add(weak_from_this());
    // Run on the connection's strand so no two handlers of it overlap.
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void http_session::close_for_shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
        self->closing_ = true;
        // Between requests: close now. Otherwise the response in progress is
        // finished first and on_write closes.
        if (self->reading_) self->do_close();
    });
}

void http_session::do_read() {
    if (closing_) return do_close();
    reading_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(ctx_->limits.header_bytes));
    parser_->body_limit(ctx_->limits.body_bytes);
    // One deadline for the whole request: an idle keep-alive connection and a
    // client trickling bytes (slowloris) are both cut off by it.
    stream_.expires_after(std::chrono::milliseconds(ctx_->limits.request_timeout_ms));
    read_header_block();
}

// The header block is looked at as bytes before Beast parses it (header_block.hpp).
void http_session::read_header_block() {
    const auto bytes = buffer_.cdata();
    const auto scan = scan_header_block(std::string_view(static_cast<const char*>(bytes.data()), bytes.size())).state;
    if (scan == header_block_state::obs_fold)
        return refuse(http::status::bad_request, core::error_code::bad_request, "Folded header lines are not accepted");
    if (scan == header_block_state::malformed)
        return refuse(http::status::bad_request, core::error_code::bad_request, "Malformed request");
    if (scan == header_block_state::complete)
        return http::async_read(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&http_session::on_read, shared_from_this()));
    const auto limit = ctx_->limits.header_bytes;
    if (buffer_.size() >= limit)
        return refuse(http::status::request_header_fields_too_large, core::error_code::bad_request, "Request headers too large");
    stream_.async_read_some(buffer_.prepare(limit - buffer_.size()), [self = shared_from_this()](beast::error_code ec,
                                                                                              std::size_t n) {
        self->buffer_.commit(n);
        if (ec == beast::error::timeout) self->ctx_->metrics.timeouts.inc();
        if (ec) {
            self->reading_ = false;
            return self->do_close();
        }
        self->read_header_block();
    });
}

void http_session::on_read(beast::error_code ec, std::size_t) {
    reading_ = false;
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted) return do_close();
    if (ec == beast::error::timeout) {
        ctx_->metrics.timeouts.inc();
        return do_close();
    }
    if (ec == http::error::body_limit) return refuse(http::status::payload_too_large, core::error_code::too_long, "Request body too large");
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
        return refuse(http::status::request_header_fields_too_large, core::error_code::bad_request, "Request headers too large");
    // Anything else Beast's parser refuses (a broken request line, a bad or
    // conflicting Content-Length / Transfer-Encoding, a bad chunk) is not HTTP
    // this server reads: answer 400 once and close, so no byte after it is
    // ever taken for a request of its own.
    if (ec.category() == http::make_error_code(http::error::bad_target).category())
        return refuse(http::status::bad_request, core::error_code::bad_request, "Malformed request");
    if (ec) return do_close();
    auto req = parser_->release();
    if (acceptable_request(req)) handle_request(std::move(req));
}

// RFC 9112: a request has exactly one Host (HTTP/1.1), and a body framed by
// Transfer-Encoding ends with chunked. Anything else would be read one way
// here and another way by a proxy in front.
bool http_session::acceptable_request(const http_request& req) {
    const auto hosts = req.count(http::field::host);
    if (hosts > 1 || (hosts == 0 && req.version() >= 11)) {
        refuse(http::status::bad_request, core::error_code::bad_request, "A request needs exactly one Host header");
        return false;
    }
    if (req.count(http::field::transfer_encoding) > 0 && (req.version() < 11 || !req.chunked())) {
        refuse(http::status::bad_request, core::error_code::bad_request, "Transfer-Encoding must end with chunked");
        return false;
    }
    return true;
}

void http_session::refuse(http::status status, core::error_code code, std::string_view message) {
    reading_ = false;
    closing_ = true;
    ctx_->metrics.refused_requests.inc();
    http_request unread;  // the request was not read: answer as to HTTP/1.1, saying the connection closes
    unread.keep_alive(false);
    send(error_response(unread, status, code, message));
}

void http_session::handle_request(http_request&& req) {
    ctx_->metrics.requests.inc();
    // Per request, not per connection: a proxy's keep-alive connection carries many clients.
    const auto client = ctx_->proxies.client_of(remote_.address(), req);
    const tcp::endpoint client_endpoint{client.address, client.forwarded ? std::uint16_t{0} : remote_.port()};
    // Every response after which this side closes says so (Connection: close): a proxy that kept the
    // connection for its next request would otherwise send that request into a closed socket.
    if (ctx_->draining) req.keep_alive(false);
    const auto origin = req[http::field::origin];
    const bool needs_origin_check = beast::websocket::is_upgrade(req) || req.method() == http::verb::post;
    if (needs_origin_check && !ctx_->origins.allows(origin, req[http::field::host], client.https ? "https" : "http")) {
        ctx_->metrics.refused_origin.inc();
        log::info("http refused origin remote=", client.address.to_string());
        closing_ = true;
        req.keep_alive(false);
        return send(error_response(req, core::error_code::forbidden, "Origin not allowed"));
    }
    if (beast::websocket::is_upgrade(req)) {
        if (ctx_->websocket_upgrade && !ctx_->draining && req.target() == "/ws") {
            stream_.expires_never();
            // The WebSocket session owns the stream from here on.
            return ctx_->websocket_upgrade(std::move(stream_), std::move(req), client_endpoint);
        }
        closing_ = true;
        req.keep_alive(false);
        return send(error_response(req, core::error_code::not_found, "No WebSocket endpoint here"));
    }
    request_context rc{std::move(req), client_endpoint, {}, {}};
    auto self = shared_from_this();
    ctx_->routes.dispatch(rc, [self](http::message_generator msg) {
        // Routes may answer from another thread (a room's strand): come back to ours.
        asio::dispatch(self->stream_.get_executor(),
                       [self, m = std::move(msg)]() mutable { self->send(std::move(m)); });
    });
}

void http_session::send(http::message_generator&& msg) {
    const bool keep_alive = msg.keep_alive() && !closing_;
    stream_.expires_after(std::chrono::milliseconds(ctx_->limits.request_timeout_ms * 3));
    beast::async_write(stream_, std::move(msg),
                       beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return do_close();
    if (!keep_alive || closing_ || ctx_->draining) return do_close();
    do_read();
}

void http_session::do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
}

}  // namespace veche::net
