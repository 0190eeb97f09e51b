#pragma once

#include "net/request_target.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <functional>
#include <map>
#include <string>

namespace veche::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

using http_request = http::request<http::string_body>;

// One HTTP request as a route sees it.
struct request_context {
    http_request req;
    tcp::endpoint remote;
    request_target target;  // decoded once, checked (request_target.hpp)
    std::map<std::string, std::string, std::less<>> params;  // {name} parts of the matched route
};

// Sends the response; may be called later from any thread, exactly once.
using responder = std::function<void(http::message_generator)>;

}  // namespace veche::net
