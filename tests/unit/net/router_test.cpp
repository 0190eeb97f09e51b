#include "net/router.hpp"

#include <catch2/catch.hpp>

using namespace veche::net;

namespace {

struct outcome {
    std::string handler;
    std::map<std::string, std::string, std::less<>> params;
    bool responded = false;
};

outcome route(const router& r, http::verb method, std::string target, std::string& seen) {
    request_context ctx;
    ctx.req.method(method);
    ctx.req.target(target);
    outcome out;
    seen.clear();
    r.dispatch(ctx, [&](http::message_generator) { out.responded = true; });
    out.handler = seen;
    out.params = ctx.params;
    return out;
}

}  // namespace

TEST_CASE("routes match literal segments and placeholders") {
    router r;
    std::string seen;
    r.add(http::verb::get, "/api/v1/sessions/{id}", [&](request_context&, responder) { seen = "session"; });
    r.add(http::verb::get, "/api/v1/sessions/{id}/questions", [&](request_context&, responder) { seen = "questions"; });
    r.add(http::verb::post, "/api/v1/join", [&](request_context&, responder) { seen = "join"; });
    r.set_fallback([&](request_context&, responder) { seen = "files"; });

    auto o = route(r, http::verb::get, "/api/v1/sessions/s1", seen);
    CHECK(o.handler == "session");
    CHECK(o.params.at("id") == "s1");
    CHECK(route(r, http::verb::get, "/api/v1/sessions/s1/questions?x=1", seen).handler == "questions");
    CHECK(route(r, http::verb::head, "/api/v1/sessions/s1", seen).handler == "session");
    CHECK(route(r, http::verb::post, "/api/v1/join", seen).handler == "join");
    CHECK(route(r, http::verb::get, "/moderator", seen).handler == "files");

    o = route(r, http::verb::get, "/api/v1/nothing", seen);
    CHECK(o.handler.empty());
    CHECK(o.responded);
    o = route(r, http::verb::get, "/api/v1/join", seen);
    CHECK(o.handler.empty());
    CHECK(o.responded);
    o = route(r, http::verb::get, "/api/v1/sessions/", seen);
    CHECK(o.handler.empty());
    o = route(r, http::verb::get, "/bad%zz", seen);
    CHECK(o.handler.empty());
    CHECK(o.responded);
}

TEST_CASE("the router refuses hostile targets before any route or file sees them") {
    router r;
    std::string seen;
    r.add(http::verb::get, "/api/v1/event", [&](request_context&, responder) { seen = "event"; });
    r.set_fallback([&](request_context&, responder) { seen = "files"; });
    for (const auto* target : {"//etc/passwd", "/a//b", "/../x", "/%2e%2e/x", "/a%2Fb", "/a%5Cb", "/a%00b",
                               "/%c0%ae%c0%ae/x", "/%ff", "http://host/x", "*", "/a\\b"}) {
        INFO(target);
        const auto o = route(r, http::verb::get, target, seen);
        CHECK(o.handler.empty());
        CHECK(o.responded);
    }
    CHECK(route(r, http::verb::get, "/%D0%B7%D0%B0%D0%BB", seen).handler == "files");
    // Methods other than GET reach the files too: they answer 405 with Allow.
    CHECK(route(r, http::verb::post, "/index.html", seen).handler == "files");
    CHECK(route(r, http::verb::post, "/api/v1/nothing", seen).handler.empty());
}
