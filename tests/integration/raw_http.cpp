#include "raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/beast/http.hpp>

#include <stdexcept>

namespace veche::test {
namespace beast = boost::beast;
namespace http = beast::http;

std::vector<int> raw_http_reply::statuses() const {
    // Read as a client would: one response after another, each framed by its own headers.
    std::vector<int> out;
    std::string_view rest = bytes;
    while (!rest.empty()) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(boost::none);
        parser.skip(head);
        beast::error_code ec;
        std::size_t used = 0;
        while (!parser.is_done() && used < rest.size()) {
            const auto n = parser.put(boost::asio::buffer(rest.data() + used, rest.size() - used), ec);
            if (ec) break;
            used += n;
            if (n == 0) break;
        }
        if (ec || !parser.is_header_done()) break;
        if (!parser.is_done()) {
            parser.put_eof(ec);  // a body that ends with the connection
            if (ec) break;
        }
        out.push_back(static_cast<int>(parser.get().result_int()));
        rest.remove_prefix(used);
    }
    return out;
}

int raw_http_reply::status() const {
    const auto all = statuses();
    return all.empty() ? 0 : all.front();
}

raw_http_reply raw_http(std::uint16_t port, const std::string& request, std::chrono::milliseconds timeout) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("connect failed");
    }
    raw_http_reply reply;
    reply.head = request.starts_with("HEAD ");
    std::size_t sent = 0;
    while (sent < request.size()) {
        const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may refuse before it has read everything
        sent += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[16384];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        reply.bytes.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return reply;
}

std::string raw_get(const std::string& target, const std::string& method) {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

}  // namespace veche::test
