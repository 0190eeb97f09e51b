#pragma once
// A WebSocket client for integration tests: real socket, real handshake,
// messages read with time limits, batch frames unpacked into their items.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace veche::test {

using namespace std::chrono_literals;

class ws_client {
public:
    // Connects and upgrades; throws when the server refuses the upgrade.
    // receive_buffer: a small SO_RCVBUF makes a client that stops reading back up the server quickly.
    explicit ws_client(std::uint16_t port, const std::map<std::string, std::string>& headers = {},
                       int receive_buffer = 0);
    ~ws_client();

    void send_text(const std::string& text);
    void send(const nlohmann::json& message) { send_text(message.dump()); }
    void send_binary(const std::string& bytes);

    // The next message (a batch counts as its items), or nothing when none
    // came in time or the connection is closed.
    std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = 3s);
    // Reads until a message satisfies the predicate; every message read is kept in seen().
    std::optional<nlohmann::json> wait_for(const std::function<bool(const nlohmann::json&)>& pred,
                                           std::chrono::milliseconds timeout = 5s);
    // Sends a request (with a fresh rid unless it has one) and returns the ack or error carrying it.
    nlohmann::json request(nlohmann::json message, std::chrono::milliseconds timeout = 5s);
    // hello with the token; returns the welcome (throws if none).
    nlohmann::json hello(const std::string& token);

    // Waits for the server to close; returns the close code (0 if it did not close in time).
    int wait_closed(std::chrono::milliseconds timeout = 10s);
    bool is_closed() const { return closed_; }
    int close_code() const { return close_code_; }
    const std::vector<nlohmann::json>& seen() const { return seen_; }
    std::size_t frames_received() const { return frames_; }

private:
    void start_read();
    void run_for(std::chrono::milliseconds timeout, const std::function<bool()>& done);

    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::deque<nlohmann::json> inbox_;
    std::vector<nlohmann::json> seen_;
    bool reading_ = false;
    bool closed_ = false;
    int close_code_ = 0;
    std::size_t frames_ = 0;
    int next_rid_ = 1;
};

}  // namespace veche::test
