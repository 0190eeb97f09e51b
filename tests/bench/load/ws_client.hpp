#pragma once
// One WebSocket connection of the load generator (Beast client). It lives on
// one generator thread: its handler is called there, and send() must be
// called there too. Frames are read whole and handed over as text without a
// copy; the handler decides what they mean.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace veche::bench {

class ws_client;

class client_handler {
public:
    virtual ~client_handler() = default;
    // The WebSocket handshake is done: the client may send.
    virtual void on_open(ws_client& c) = 0;
    // One whole text frame, and the wall-clock time (µs) it was read.
    virtual void on_frame(ws_client& c, std::string_view text, std::int64_t now_us) = 0;
    // The connection failed or ended; `code` is the close code the server sent (0: none).
    virtual void on_close(ws_client& c, std::uint16_t code, std::string_view what) = 0;
};

class ws_client : public std::enable_shared_from_this<ws_client> {
public:
    ws_client(boost::asio::io_context& ioc, std::size_t index, std::size_t shard, client_handler& handler);

    void open(const boost::asio::ip::tcp::endpoint& server);
    void send(std::string text);
    void close();

    std::size_t index() const { return index_; }
    std::size_t shard() const { return shard_; }
    bool is_open() const { return open_; }

private:
    void on_connect(const boost::system::error_code& ec);
    void on_handshake(const boost::system::error_code& ec);
    void read();
    void on_read(const boost::system::error_code& ec);
    void write_next();
    void fail(const boost::system::error_code& ec, std::string_view what);

    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
    boost::beast::flat_buffer buffer_;
    std::deque<std::string> outbox_;
    client_handler& handler_;
    std::string host_;
    std::size_t index_;
    std::size_t shard_;
    bool open_ = false;
    bool writing_ = false;
    bool ended_ = false;
};

}  // namespace veche::bench
