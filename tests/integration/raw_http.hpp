#pragma once
// HTTP bytes exactly as written, over a plain socket: for requests no client
// library would send (unnormalised paths, smuggling attempts, broken request
// lines). Reads until the server closes or the timeout passes.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace veche::test {

struct raw_http_reply {
    std::string bytes;  // everything the server sent
    bool head = false;  // answers to HEAD have no body, whatever their Content-Length

    // The status codes of the responses in bytes, in order.
    std::vector<int> statuses() const;
    // The first response's status, or 0 when there was none.
    int status() const;
};

raw_http_reply raw_http(std::uint16_t port, const std::string& request,
                        std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

// "GET TARGET HTTP/1.1" with a Host and Connection: close.
std::string raw_get(const std::string& target, const std::string& method = "GET");

}  // namespace veche::test
