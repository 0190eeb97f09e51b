#pragma once
// One HTTP/1.1 connection: reads a request within the time limit, routes it,
// writes the response, repeats while keep-alive; hands /ws upgrades over.

#include "core/error_code.hpp"
#include "net/connection_registry.hpp"
#include "net/http_context.hpp"

#include <memory>
#include <optional>

namespace veche::net {

class http_session : public closable_connection, public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket&& socket, std::shared_ptr<http_context> ctx);
    ~http_session() override;

    void run();
    void close_for_shutdown() override;

private:
    void do_read();
    void read_header_block();
    void on_read(beast::error_code ec, std::size_t bytes);
    // false (after answering 400) when the parsed request is one the server does not take.
    bool acceptable_request(const http_request& req);
    void refuse(http::status status, core::error_code code, std::string_view message);
    void handle_request(http_request&& req);
    void send(http::message_generator&& msg);
    void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
    void do_close();

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<http_context> ctx_;
    tcp::endpoint remote_;
    std::uint64_t registry_id_ = 0;
    bool closing_ = false;
    bool reading_ = false;
};

}  // namespace veche::net
