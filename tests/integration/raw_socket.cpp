#include "raw_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace veche::test {

raw_socket::raw_socket(std::uint16_t port, int receive_buffer) : port_(port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        throw std::runtime_error("connect");
    }
}

raw_socket::~raw_socket() { ::close(fd_); }

std::string raw_socket::upgrade_request(std::uint16_t port) {
    return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

std::string raw_socket::frame(std::string_view payload, std::uint8_t opcode, bool fin) {
    std::string f;
    f += static_cast<char>((fin ? 0x80 : 0x00) | opcode);
    const auto n = payload.size();
    if (n < 126) {
        f += static_cast<char>(0x80 | n);
    } else if (n <= 0xFFFF) {
        f += static_cast<char>(0x80 | 126);
        f += static_cast<char>(n >> 8);
        f += static_cast<char>(n & 0xFF);
    } else {
        f += static_cast<char>(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) f += static_cast<char>((n >> shift) & 0xFF);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    f.append(mask, 4);
    for (std::size_t i = 0; i < n; ++i) f += static_cast<char>(payload[i] ^ mask[i % 4]);
    return f;
}

bool raw_socket::send(std::string_view bytes) {
    while (!bytes.empty()) {
        const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool raw_socket::upgrade() {
    if (!send(upgrade_request(port_))) return false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (received_.find("\r\n\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        char buf[4096];
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return false;
        received_.append(buf, static_cast<std::size_t>(n));
    }
    const auto end = received_.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const bool switched = received_.rfind("HTTP/1.1 101", 0) == 0;
    received_.erase(0, end + 4);
    parse_frames();
    return switched;
}

void raw_socket::parse_frames() {
    for (;;) {
        if (received_.size() < 2) return;
        const auto b0 = static_cast<unsigned char>(received_[0]);
        const auto b1 = static_cast<unsigned char>(received_[1]);
        std::size_t header = 2;
        std::size_t length = b1 & 0x7F;
        if (length == 126 || length == 127) {
            const std::size_t bytes = length == 126 ? 2 : 8;
            if (received_.size() < 2 + bytes) return;
            length = 0;
            for (std::size_t i = 0; i < bytes; ++i)
                length = (length << 8) | static_cast<unsigned char>(received_[2 + i]);
            header += bytes;
        }
        if (received_.size() < header + length) return;
        const auto opcode = b0 & 0x0F;
        if (opcode == 0x9) saw_ping_ = true;
        // A long message comes in fragments: a text frame, then continuations up to the final one.
        if (opcode == 0x1 || opcode == 0x0) {
            if (opcode == 0x1) fragments_.clear();
            fragments_ += received_.substr(header, length);
            if (b0 & 0x80) texts_.push_back(std::move(fragments_));
        }
        if (opcode == 0x8 && length >= 2)
            close_code_ = (static_cast<unsigned char>(received_[header]) << 8) |
                          static_cast<unsigned char>(received_[header + 1]);
        received_.erase(0, header + length);
    }
}

bool raw_socket::read_some(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return true;
    char buf[65536];
    const auto n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return false;
    if (n > 0) {
        received_.append(buf, static_cast<std::size_t>(n));
        parse_frames();
    }
    return true;
}

bool raw_socket::wait_readable(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

bool raw_socket::wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline)
        if (!read_some(std::chrono::milliseconds(50))) return true;
    return false;
}

bool raw_socket::wait_for_text(std::string_view needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (std::size_t checked = 0;;) {
        for (; checked < texts_.size(); ++checked)
            if (texts_[checked].find(needle) != std::string::npos) return true;
        if (std::chrono::steady_clock::now() >= deadline || !read_some(std::chrono::milliseconds(50))) return false;
    }
}

}  // namespace veche::test
