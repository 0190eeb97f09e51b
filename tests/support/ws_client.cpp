#include "support/ws_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <stdexcept>

namespace veche::test {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;

ws_client::ws_client(std::uint16_t port, const std::map<std::string, std::string>& headers, int receive_buffer)
    : ws_(ioc_) {
    auto& socket = beast::get_lowest_layer(ws_).socket();
    socket.open(tcp::v4());
    if (receive_buffer > 0) socket.set_option(boost::asio::socket_base::receive_buffer_size(receive_buffer));
    beast::get_lowest_layer(ws_).expires_after(10s);
    beast::get_lowest_layer(ws_).connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
        for (const auto& [k, v] : headers) req.set(k, v);
    }));
    ws_.read_message_max(64 * 1024 * 1024);
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
}

ws_client::~ws_client() {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
}

void ws_client::send_text(const std::string& text) {
    ws_.text(true);
    ws_.write(boost::asio::buffer(text));
}

void ws_client::send_binary(const std::string& bytes) {
    ws_.binary(true);
    ws_.write(boost::asio::buffer(bytes));
    ws_.text(true);
}

void ws_client::start_read() {
    if (reading_ || closed_) return;
    reading_ = true;
    ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
        reading_ = false;
        if (ec) {
            closed_ = true;
            close_code_ = ws_.reason().code;
            return;
        }
        ++frames_;
        auto msg = nlohmann::json::parse(beast::buffers_to_string(buffer_.data()));
        buffer_.consume(buffer_.size());
        if (msg.value("type", "") == "batch")
            for (auto& item : msg["items"]) inbox_.push_back(std::move(item));
        else
            inbox_.push_back(std::move(msg));
        start_read();
    });
}

void ws_client::run_for(std::chrono::milliseconds timeout, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        start_read();
        ioc_.restart();
        ioc_.run_for(std::min<std::chrono::milliseconds>(
            20ms, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())));
    }
}

std::optional<nlohmann::json> ws_client::next(std::chrono::milliseconds timeout) {
    run_for(timeout, [&] { return !inbox_.empty() || closed_; });
    if (inbox_.empty()) return std::nullopt;
    auto m = std::move(inbox_.front());
    inbox_.pop_front();
    seen_.push_back(m);
    return m;
}

std::optional<nlohmann::json> ws_client::wait_for(const std::function<bool(const nlohmann::json&)>& pred,
                                                  std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto m = next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
        if (!m) return std::nullopt;
        if (pred(*m)) return m;
    }
    return std::nullopt;
}

nlohmann::json ws_client::request(nlohmann::json message, std::chrono::milliseconds timeout) {
    if (!message.contains("rid")) message["rid"] = "t" + std::to_string(next_rid_++);
    const std::string rid = message["rid"];
    send(message);
    auto reply = wait_for([&](const nlohmann::json& m) { return m.value("rid", "") == rid; }, timeout);
    if (!reply) throw std::runtime_error("no reply to " + message.dump());
    return *reply;
}

nlohmann::json ws_client::hello(const std::string& token) {
    send({{"type", "hello"}, {"token", token}});
    auto w = wait_for([](const nlohmann::json& m) { return m["type"] == "welcome"; });
    if (!w) throw std::runtime_error("no welcome");
    return *w;
}

int ws_client::wait_closed(std::chrono::milliseconds timeout) {
    run_for(timeout, [&] {
        while (!inbox_.empty()) {
            seen_.push_back(std::move(inbox_.front()));
            inbox_.pop_front();
        }
        return closed_;
    });
    return closed_ ? close_code_ : 0;
}

}  // namespace veche::test
