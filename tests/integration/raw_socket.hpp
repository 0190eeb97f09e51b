#pragma once
// A TCP client that speaks WebSocket by hand, to misbehave in ways a real
// client library will not: trickle its handshake, stop in the middle of a
// frame, never answer a ping, never read.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::test {

class raw_socket {
public:
    // Connects (no bytes sent). receive_buffer > 0 sets a small SO_RCVBUF so
    // the server's writes back up soon when this client does not read.
    explicit raw_socket(std::uint16_t port, int receive_buffer = 0);
    ~raw_socket();
    raw_socket(const raw_socket&) = delete;
    raw_socket& operator=(const raw_socket&) = delete;

    // The HTTP request that asks for a WebSocket on /ws.
    static std::string upgrade_request(std::uint16_t port);
    // One client frame (masked, as RFC 6455 requires of clients).
    static std::string frame(std::string_view payload, std::uint8_t opcode = 0x1, bool fin = true);

    // False when the server has closed the connection.
    bool send(std::string_view bytes);
    // Sends the upgrade request and reads the response headers; true on 101.
    bool upgrade();

    // Reads whatever comes until the server closes the connection (true) or
    // the timeout passes (false). Server frames are looked at on the way.
    bool wait_closed(std::chrono::milliseconds timeout);
    // Reads until a text frame holding `needle` has come (true), the server
    // closed or the timeout passed (false).
    bool wait_for_text(std::string_view needle, std::chrono::milliseconds timeout);
    // Waits until something can be read (true) or the timeout passes, reading nothing.
    bool wait_readable(std::chrono::milliseconds timeout);
    // The text frames received so far.
    const std::vector<std::string>& texts() const { return texts_; }
    bool saw_ping() const { return saw_ping_; }
    // The code of the server's close frame, if one came.
    std::optional<int> close_code() const { return close_code_; }

private:
    // Reads what is there within the time; false when the connection is closed.
    bool read_some(std::chrono::milliseconds timeout);
    void parse_frames();

    std::uint16_t port_;
    int fd_ = -1;
    std::string received_;
    std::vector<std::string> texts_;
    std::string fragments_;
    bool saw_ping_ = false;
    std::optional<int> close_code_;
};

}  // namespace veche::test
