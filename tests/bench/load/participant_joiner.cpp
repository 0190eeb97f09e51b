#include "participant_joiner.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

namespace veche::bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// Joins until `next` passes `count`; keeps one connection open while the server allows it.
void join_loop(const asio::ip::tcp::endpoint& server, std::size_t count, std::atomic<std::size_t>& next,
               std::vector<std::string>& tokens) {
    asio::io_context ioc;
    std::optional<asio::ip::tcp::socket> socket;
    beast::flat_buffer buffer;
    unsigned refused_in_a_row = 0;
    for (auto i = next++; i < count; i = next++) {
        try {
            if (!socket) {
                socket.emplace(ioc);
                socket->connect(server);
            }
            http::request<http::string_body> req{http::verb::post, "/api/v1/join", 11};
            req.set(http::field::host, server.address().to_string());
            req.set(http::field::content_type, "application/json");
            req.keep_alive(true);
            req.body() = nlohmann::json{{"name", "Участник " + std::to_string(i)}}.dump();
            req.prepare_payload();
            http::write(*socket, req);
            http::response<http::string_body> res;
            http::read(*socket, buffer, res);
            if (res.result() == http::status::ok) {
                tokens[i] = nlohmann::json::parse(res.body()).at("token").get<std::string>();
                refused_in_a_row = 0;
            }
            if (!res.keep_alive()) socket.reset();
        } catch (const std::exception&) {
            socket.reset();
            // A server that refuses every connection would make this loop spin: give up after a few.
            if (++refused_in_a_row > 20) return;
        }
    }
}

}  // namespace

joined join_participants(const asio::ip::tcp::endpoint& server, std::size_t count, std::size_t connections) {
    joined out;
    out.tokens.resize(count);
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < std::max<std::size_t>(1, connections); ++t)
        threads.emplace_back([&] { join_loop(server, count, next, out.tokens); });
    for (auto& t : threads) t.join();
    // Every participant without a token failed, whether refused or never tried (a loop that gave up).
    for (const auto& t : out.tokens) out.failures += t.empty() ? 1 : 0;
    return out;
}

}  // namespace veche::bench
