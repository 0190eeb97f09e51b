#include "net/websocket_session.hpp"

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/wire_messages.hpp"
#include "hub/frame_join.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <chrono>

namespace veche::net {
namespace websocket = beast::websocket;
namespace {

// How many refused messages in a row mean a flood rather than a burst.
unsigned flood_strikes(const config::limit_settings& l) { return std::max(10u, l.messages_burst / 10); }

}  // namespace

websocket_session::websocket_session(beast::tcp_stream&& stream, tcp::endpoint remote,
                                     std::shared_ptr<websocket_context> ctx)
    : ws_(stream.release_socket()),
      ctx_(std::move(ctx)),
      remote_(std::move(remote)),
      queue_(ctx_->limits.send_queue_bytes, ctx_->backlog),
      timer_(ws_.get_executor()),
      limiter_(ctx_->limits.messages_per_second, ctx_->limits.messages_burst) {
    ctx_->metrics.open.add(1);
    ctx_->metrics.accepted.inc();
}

websocket_session::~websocket_session() {
    ctx_->metrics.open.sub(1);
    if (registry_id_) ctx_->connections->remove(registry_id_);
}

void websocket_session::run(http_request&& upgrade) {
    registry_id_ = ctx_->connections->add(weak_from_this());
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    // Pings after 30 s of silence; a client that answers nothing for 60 s is gone.
    timeouts.idle_timeout = std::chrono::seconds(60);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "veche"); }));
    ws_.read_message_max(ctx_->limits.message_bytes);
    ws_.text(true);
    // A message goes out as one frame in one write, however long (Beast would cut it every 4 KiB).
    ws_.auto_fragment(false);
    asio::dispatch(ws_.get_executor(), [self = shared_from_this(), req = std::move(upgrade)]() mutable {
        self->ws_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept, self));
    });
}

void websocket_session::on_accept(beast::error_code ec) {
    if (ec) return;
    timer_.expires_after(std::chrono::milliseconds(ctx_->limits.hello_timeout_ms));
    timer_.async_wait([weak = weak_from_this()](beast::error_code wait_ec) {
        auto self = weak.lock();
        if (!wait_ec && self && !self->welcomed_) self->close_with(close_code::unauthorized, "hello timeout");
    });
    do_read();
}

void websocket_session::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t) {
    if (ec) {
        // Beast has already sent the close frame for protocol faults (1009 too big, 1007 bad UTF-8).
        if (ec == websocket::error::message_too_big) ctx_->metrics.closed(close_code::message_too_big).inc();
        leave_rooms();
        timer_.cancel();
        return;
    }
    // Reading goes on while closing: the peer's close frame completes the handshake.
    if (close_code_) {
        buffer_.consume(buffer_.size());
        return do_read();
    }
    if (!ws_.got_text()) close_with(close_code::protocol_violation, "text frames only");
    else handle(std::string_view(static_cast<const char*>(buffer_.cdata().data()), buffer_.size()));
    buffer_.consume(buffer_.size());
    do_read();
}

void websocket_session::handle(std::string_view text) {
    ctx_->metrics.messages_in.inc();
    auto decoded = core::decode_client_message(text);
    const auto* failure = std::get_if<core::decode_failure>(&decoded);
    std::optional<std::string> rid = failure ? failure->rid : std::get<core::client_message>(decoded).rid;

    if (!limiter_.try_take(now_ms())) {
        ctx_->metrics.rate_limited.inc();
        if (++strikes_ >= flood_strikes(ctx_->limits))
            return close_with(close_code::too_many_messages, "too many messages");
        return reply_error(rid, core::error_code::rate_limited, "Too many messages, slow down");
    }
    strikes_ = 0;

    if (!welcomed_) {
        if (failure || !std::holds_alternative<core::hello_message>(std::get<core::client_message>(decoded).payload))
            return close_with(close_code::unauthorized, "hello first");
        return handle_hello(std::get<core::client_message>(decoded));
    }
    if (failure) {
        ctx_->metrics.bad_requests.inc();
        return reply_error(rid, core::error_code::bad_request, failure->message);
    }
    if (who_.expires_at <= now_ms()) return close_with(close_code::unauthorized, "token expired");
    dispatch(std::move(std::get<core::client_message>(decoded)));
}

void websocket_session::handle_hello(const core::client_message& msg) {
    const auto& hello = std::get<core::hello_message>(msg.payload);
    auto verified = ctx_->tokens.verify(hello.token, now_ms());
    if (auto* why = std::get_if<std::string>(&verified)) {
        log::info("ws refused token remote=", remote_.address().to_string(), " reason=\"", *why, '"');
        return close_with(close_code::unauthorized, "unauthorized");
    }
    who_ = std::move(std::get<core::identity>(verified));
    welcomed_ = true;
    timer_.cancel();
    send_reply(hub::make_frame(core::welcome_text(who_, msg.rid, now_ms())));
}

void websocket_session::dispatch(core::client_message&& msg) {
    if (std::holds_alternative<core::hello_message>(msg.payload))
        return reply_error(msg.rid, core::error_code::bad_request, "Already welcomed");
    const auto session = core::session_of(msg.payload);
    auto room = ctx_->rooms.find(session);
    if (!room) return reply_error(msg.rid, core::error_code::not_found, "No such session or question");
    auto self = shared_from_this();
    if (const auto* sub = std::get_if<core::subscribe_message>(&msg.payload)) {
        if (std::find(rooms_.begin(), rooms_.end(), room) == rooms_.end()) rooms_.push_back(room);
        return room->subscribe(self, msg.rid, sub->since);
    }
    if (std::holds_alternative<core::unsubscribe_message>(msg.payload)) {
        rooms_.erase(std::remove(rooms_.begin(), rooms_.end(), room), rooms_.end());
        return room->unsubscribe(self, msg.rid);
    }
    room->execute(self, std::move(msg));
}

void websocket_session::reply_error(const std::optional<std::string>& rid, core::error_code code,
                                    std::string_view message) {
    send_reply(hub::make_frame(core::error_text(rid, code, message)));
}

void websocket_session::send(hub::frame f) { enqueue(std::move(f), false); }

void websocket_session::send_reply(hub::frame f) { enqueue(std::move(f), true); }

void websocket_session::enqueue(hub::frame f, bool reply) {
    switch (queue_.push(std::move(f), reply)) {
        case send_queue::push_result::queued:
        case send_queue::push_result::closed: return;
        case send_queue::push_result::start_writing:
            asio::post(ws_.get_executor(), [self = shared_from_this()] { self->write_next(); });
            return;
        case send_queue::push_result::overflow:
            asio::post(ws_.get_executor(),
                       [self = shared_from_this()] { self->close_with(close_code::too_slow, "too slow"); });
            return;
    }
}

void websocket_session::write_next() {
    if (writing_) return;
    queue_.next(writing_frames_);
    if (writing_frames_.empty()) {
        if (close_code_ && !close_started_) close_with(*close_code_, close_reason_);
        return;
    }
    writing_ = true;
    const auto done = [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
        self->on_write(ec, bytes);
    };
    // Everything waiting goes out as one message: the frame itself, or one
    // batch of their items, read in place (the queue holds them until written).
    if (writing_frames_.size() == 1) return ws_.async_write(asio::buffer(*writing_frames_.front()), done);
    std::vector<asio::const_buffer> buffers;
    buffers.reserve(2 * writing_frames_.size() + 1);
    buffers.push_back(asio::buffer(hub::batch_head));
    for (std::size_t i = 0; i < writing_frames_.size(); ++i) {
        if (i) buffers.push_back(asio::buffer(std::string_view(",")));
        buffers.push_back(asio::buffer(hub::batch_items(*writing_frames_[i])));
    }
    buffers.push_back(asio::buffer(hub::batch_tail));
    ws_.async_write(std::move(buffers), done);
}

void websocket_session::on_write(beast::error_code ec, std::size_t bytes) {
    writing_ = false;
    if (ec) {
        queue_.close();
        leave_rooms();
        return;
    }
    queue_.written();
    writing_frames_.clear();
    ctx_->metrics.frames_out.inc();
    ctx_->metrics.bytes_out.inc(bytes);
    write_next();
}

void websocket_session::close_with(close_code code, const char* reason) {
    if (close_started_) return;
    if (!close_code_) {
        close_code_ = code;
        close_reason_ = reason;
        ctx_->metrics.closed(code).inc();
        if (code == close_code::too_slow || code == close_code::too_many_messages)
            log::info("ws closed code=", static_cast<unsigned>(code), " remote=", remote_.address().to_string());
        // A slow client gets nothing more; anyone else gets what was already queued
        // (the error that explains the close, the last events before a shutdown).
        if (code == close_code::too_slow) queue_.close();
        else queue_.seal();
        leave_rooms();
        // A client that reads nothing never lets the close frame out: cut the socket after 5 s.
        timer_.expires_after(std::chrono::seconds(5));
        timer_.async_wait([weak = weak_from_this()](beast::error_code wait_ec) {
            beast::error_code ignored;
            if (auto self = weak.lock(); self && !wait_ec) self->ws_.next_layer().close(ignored);
        });
    }
    if (writing_ || queue_.bytes() > 0) {
        // What is queued goes first; write_next() comes back here once it is out.
        if (!writing_) write_next();
        return;
    }
    close_started_ = true;
    ws_.async_close(websocket::close_reason(to_beast(code), reason),
                    [self = shared_from_this()](beast::error_code) {
        self->timer_.cancel();
    });
}

void websocket_session::close_for_shutdown() {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        if (!self->ws_.is_open()) return (void)self->ws_.next_layer().close(ignored);
        self->close_with(close_code::going_away, "server going away");
    });
}

void websocket_session::leave_rooms() {
    auto self = shared_from_this();
    for (const auto& room : rooms_) room->drop(self);
    rooms_.clear();
}

}  // namespace veche::net
