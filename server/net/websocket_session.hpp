#pragma once
// One WebSocket client (docs/protocol.md, "The WebSocket"): the hello handshake within its
// time limit, then requests routed to the rooms, and frames from the rooms
// written out through a bounded queue. A slow client is closed (4408), a
// flooding one too (4429), both without disturbing anyone else.

#include "core/client_message.hpp"
#include "core/rate_limiter.hpp"
#include "hub/client_link.hpp"
#include "hub/room.hpp"
#include "net/close_code.hpp"
#include "net/connection_registry.hpp"
#include "net/http_types.hpp"
#include "net/send_queue.hpp"
#include "net/websocket_context.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/websocket.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace veche::net {

class websocket_session : public hub::client_link,
                          public closable_connection,
                          public std::enable_shared_from_this<websocket_session> {
public:
    websocket_session(beast::tcp_stream&& stream, tcp::endpoint remote, std::shared_ptr<websocket_context> ctx);
    ~websocket_session() override;

    void run(http_request&& upgrade);

    void send(hub::frame f) override;
    void send_reply(hub::frame f) override;
    const core::identity& who() const override { return who_; }
    void close_for_shutdown() override;

private:
    void enqueue(hub::frame f, bool reply);
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void handle(std::string_view text);
    void handle_hello(const core::client_message& msg);
    void dispatch(core::client_message&& msg);
    void reply_error(const std::optional<std::string>& rid, core::error_code code, std::string_view message);
    void write_next();
    void on_write(beast::error_code ec, std::size_t bytes);
    void close_with(close_code code, const char* reason);
    void leave_rooms();

    // A plain socket underneath: the WebSocket keeps its own timeouts, and
    // tcp_stream's per-operation timer bookkeeping is pure cost in the fan-out.
    beast::websocket::stream<tcp::socket> ws_;
    beast::flat_buffer buffer_;
    std::shared_ptr<websocket_context> ctx_;
    tcp::endpoint remote_;
    send_queue queue_;
    std::vector<hub::frame> writing_frames_;  // what the write in progress carries
    asio::steady_timer timer_;  // the hello deadline, then the closing deadline
    core::identity who_;
    bool welcomed_ = false;
    core::rate_limiter limiter_;
    unsigned strikes_ = 0;
    std::vector<std::shared_ptr<hub::room>> rooms_;
    std::optional<close_code> close_code_;
    const char* close_reason_ = "";
    bool writing_ = false;
    bool close_started_ = false;
    std::uint64_t registry_id_ = 0;
};

}  // namespace veche::net
