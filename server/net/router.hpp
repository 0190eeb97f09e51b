#pragma once
// Maps method + path to a handler. Patterns are literal segments and {name}
// placeholders that match one segment: "/api/v1/sessions/{id}/questions".

#include "common/counter.hpp"
#include "net/http_types.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::net {

class router {
public:
    using handler = std::function<void(request_context&, responder)>;

    // GET routes also answer HEAD.
    void add(http::verb method, std::string_view pattern, handler h);
    // Called for requests outside /api/ that match no route (the web client's files).
    void set_fallback(handler h);
    // Counts the requests refused for their target.
    void count_refusals(counter& c) { refused_ = &c; }

    // Decodes and checks the target (request_target), matches it and calls the handler, or answers 400/404/405.
    void dispatch(request_context& ctx, responder respond) const;

private:
    struct route {
        http::verb method;
        std::vector<std::string> segments;
        handler fn;
    };
    static bool match(const route& r, const std::vector<std::string>& parts, request_context& ctx);

    std::vector<route> routes_;
    handler fallback_;
    counter* refused_ = nullptr;
};

}  // namespace veche::net
