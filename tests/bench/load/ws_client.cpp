#include "ws_client.hpp"

#include "wall_clock.hpp"

#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/websocket/error.hpp>

namespace veche::bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

ws_client::ws_client(asio::io_context& ioc, std::size_t index, std::size_t shard, client_handler& handler)
    : ws_(ioc), handler_(handler), index_(index), shard_(shard) {}

void ws_client::open(const asio::ip::tcp::endpoint& server) {
    host_ = server.address().to_string() + ":" + std::to_string(server.port());
    beast::get_lowest_layer(ws_).async_connect(
        server, [self = shared_from_this()](const boost::system::error_code& ec) { self->on_connect(ec); });
}

void ws_client::on_connect(const boost::system::error_code& ec) {
    if (ec) return fail(ec, "connect");
    // Small messages (a moderator's approval) must not wait for Nagle.
    beast::get_lowest_layer(ws_).set_option(asio::ip::tcp::no_delay(true));
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.read_message_max(64 * 1024 * 1024);  // a snapshot of a big session
    ws_.text(true);
    ws_.async_handshake(host_, "/ws",
                        [self = shared_from_this()](const boost::system::error_code& hec) { self->on_handshake(hec); });
}

void ws_client::on_handshake(const boost::system::error_code& ec) {
    if (ec) return fail(ec, "handshake");
    open_ = true;
    handler_.on_open(*this);
    read();
}

void ws_client::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
        self->on_read(ec);
    });
}

void ws_client::on_read(const boost::system::error_code& ec) {
    if (ec) return fail(ec, "read");
    const auto data = buffer_.cdata();
    handler_.on_frame(*this, std::string_view(static_cast<const char*>(data.data()), data.size()), wall_us());
    buffer_.consume(buffer_.size());
    if (!ended_) read();
}

void ws_client::send(std::string text) {
    if (!open_ || ended_) return;
    outbox_.push_back(std::move(text));
    write_next();
}

void ws_client::write_next() {
    if (writing_ || outbox_.empty() || ended_) return;
    writing_ = true;
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
        self->writing_ = false;
        if (ec) return self->fail(ec, "write");
        self->outbox_.pop_front();
        self->write_next();
    });
}

void ws_client::close() {
    if (ended_) return;
    ended_ = true;
    open_ = false;
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close(ignored);
}

void ws_client::fail(const boost::system::error_code& ec, std::string_view what) {
    if (ended_) return;  // closed on purpose: not a failure
    std::uint16_t code = 0;
    if (ec == websocket::error::closed) code = static_cast<std::uint16_t>(ws_.reason().code);
    ended_ = true;
    open_ = false;
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
    handler_.on_close(*this, code, what);
}

}  // namespace veche::bench
