#include "net/send_queue.hpp"

#include <catch2/catch.hpp>

using veche::net::send_queue;
using push = send_queue::push_result;

namespace {

veche::hub::frame f(const std::string& text) { return veche::hub::make_frame(text); }

}  // namespace

TEST_CASE("send queue: one writer, replies ahead of waiting events, every frame counted in the backlog") {
    auto backlog = std::make_shared<std::atomic<std::int64_t>>(0);
    {
        send_queue q(1024, backlog);
        CHECK(q.push(f("e1")) == push::start_writing);
        CHECK(q.push(f("e2")) == push::queued);
        CHECK(*q.next() == "e1");  // in flight
        CHECK(q.push(f("e3")) == push::queued);
        CHECK(q.push(f("ack1"), true) == push::queued);
        CHECK(q.push(f("ack2"), true) == push::queued);
        CHECK(backlog->load() == 5);
        CHECK(q.bytes() == 14);

        std::vector<std::string> order;
        for (auto next = q.next(); next; next = q.next()) {
            order.push_back(*next);
            q.written();
        }
        CHECK(order == std::vector<std::string>{"e1", "ack1", "ack2", "e2", "e3"});
        CHECK(backlog->load() == 0);
        CHECK(q.bytes() == 0);
        CHECK(q.push(f("later")) == push::start_writing);  // the writer went idle
        CHECK(backlog->load() == 1);
    }
    CHECK(backlog->load() == 0);  // a connection that goes away takes its frames out of the backlog
}

TEST_CASE("send queue: past its bound it closes and keeps only the frame in flight") {
    auto backlog = std::make_shared<std::atomic<std::int64_t>>(0);
    send_queue q(10, backlog);
    CHECK(q.push(f("12345")) == push::start_writing);
    CHECK(*q.next() == "12345");
    CHECK(q.push(f("abcd")) == push::queued);
    CHECK(q.push(f("xyz")) == push::overflow);
    CHECK(q.push(f("1")) == push::closed);
    CHECK(q.bytes() == 5);
    CHECK(backlog->load() == 1);
    q.written();
    CHECK_FALSE(q.next());
    CHECK(backlog->load() == 0);
}

TEST_CASE("send queue: sealed, it still writes what waits") {
    send_queue q(100, nullptr);
    q.push(f("a"));
    q.push(f("b"));
    q.seal();
    CHECK(q.push(f("c")) == push::closed);
    CHECK(*q.next() == "a");
    q.written();
    CHECK(*q.next() == "b");
    q.written();
    CHECK_FALSE(q.next());
}
