#pragma once
// A plain blocking HTTP/1.1 client for tests (one request per connection).

#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace veche::test {

struct http_reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::string header(const std::string& lower_name) const;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

http_reply http_request(std::uint16_t port, boost::beast::http::verb method, const std::string& target,
                        const std::map<std::string, std::string>& headers = {}, const std::string& body = {},
                        std::chrono::seconds timeout = std::chrono::seconds(10));

inline http_reply http_get(std::uint16_t port, const std::string& target,
                           const std::map<std::string, std::string>& headers = {}) {
    return http_request(port, boost::beast::http::verb::get, target, headers);
}

inline http_reply http_post(std::uint16_t port, const std::string& target, const std::string& body,
                            const std::map<std::string, std::string>& headers = {}) {
    auto h = headers;
    h.emplace("Content-Type", "application/json");
    return http_request(port, boost::beast::http::verb::post, target, h, body);
}

}  // namespace veche::test
