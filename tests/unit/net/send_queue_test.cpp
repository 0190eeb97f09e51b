#include "net/send_queue.hpp"

#include <catch2/catch.hpp>

using veche::net::send_queue;
using push = send_queue::push_result;

namespace {

veche::hub::frame f(const std::string& text) { return veche::hub::make_frame(text); }

using texts = std::vector<std::string>;

// What the writer takes next, as text.
texts next(send_queue& q) {
    std::vector<veche::hub::frame> frames;
    q.next(frames);
    texts out;
    for (const auto& frame : frames) out.push_back(*frame);
    return out;
}

}  // namespace

TEST_CASE("send queue: one writer, replies ahead of waiting events, every frame counted in the backlog") {
    auto backlog = std::make_shared<std::atomic<std::int64_t>>(0);
    {
        send_queue q(1024, backlog);
        CHECK(q.push(f("e1")) == push::start_writing);
        CHECK(q.push(f("e2")) == push::queued);
        CHECK(next(q) == texts{"e1", "e2"});  // in flight
        CHECK(q.push(f("e3")) == push::queued);
        CHECK(q.push(f("ack1"), true) == push::queued);
        CHECK(q.push(f("ack2"), true) == push::queued);
        CHECK(next(q) == texts{"e1", "e2"});  // still the same write
        CHECK(backlog->load() == 5);
        CHECK(q.bytes() == 14);
        q.written();
        CHECK(backlog->load() == 3);
        CHECK(next(q) == texts{"ack1", "ack2", "e3"});  // what waited, in one write, replies first
        q.written();
        CHECK(next(q).empty());
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
    CHECK(next(q) == texts{"12345"});
    CHECK(q.push(f("abcd")) == push::queued);
    CHECK(q.push(f("xyz")) == push::overflow);
    CHECK(q.push(f("1")) == push::closed);
    CHECK(q.bytes() == 5);
    CHECK(backlog->load() == 1);
    q.written();
    CHECK(next(q).empty());
    CHECK(backlog->load() == 0);
}

TEST_CASE("send queue: sealed, it still writes what waits") {
    send_queue q(100, nullptr);
    q.push(f("a"));
    q.push(f("b"));
    q.seal();
    CHECK(q.push(f("c")) == push::closed);
    CHECK(next(q) == texts{"a", "b"});
    q.written();
    CHECK(next(q).empty());
}

TEST_CASE("send queue: one write takes at most 64 frames and 128 KiB, but always one frame") {
    send_queue q(4 * 1024 * 1024, nullptr);
    for (int i = 0; i < 100; ++i) q.push(f("e" + std::to_string(i)));
    CHECK(next(q).size() == send_queue::max_write_frames);
    q.written();
    CHECK(next(q).size() == 36);
    q.written();
    q.push(f(std::string(200 * 1024, 'x')));
    q.push(f("small"));
    CHECK(next(q).size() == 1);  // one frame over the cap still goes, alone
    q.written();
    CHECK(next(q) == texts{"small"});
}
