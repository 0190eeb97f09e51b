#pragma once
// A participant watching the post-moderated session while someone else
// misbehaves. Each check() has a moderator change the session (an edit of
// the canary's question) and requires the canary to receive that change,
// with every event in seq order since the last check, on a connection that
// stayed open.

#include "forum_fixture.hpp"

#include <catch2/catch.hpp>

namespace veche::test {

class canary {
public:
    explicit canary(forum_fixture& forum) {
        moderator_ = forum.connect(forum.staff_token("moderator"));
        const auto asked = moderator_->request({{"type", "ask"}, {"session", post_session}, {"text", "Канарейка 0"}});
        REQUIRE(asked["type"] == "ack");
        question_ = asked["id"];
        watcher_ = forum.subscribed(forum.join("Канарейка")["token"], post_session);
        read_ = watcher_->seen().size();
        check();
    }

    void check() {
        const auto text = "Канарейка " + std::to_string(++changes_);
        const auto ack =
            moderator_->request({{"type", "moderate"}, {"question", question_}, {"action", "edit"}, {"text", text}},
                                std::chrono::seconds(10));
        REQUIRE(ack["type"] == "ack");
        INFO("the canary waits for: " << text);
        REQUIRE(watcher_->wait_for(
            [&](const nlohmann::json& m) { return is_event(m, "question") && m["data"]["text"] == text; },
            std::chrono::seconds(10)));
        const auto& seen = watcher_->seen();
        for (; read_ < seen.size(); ++read_) {
            if (seen[read_]["type"] != "event") continue;
            const auto seq = seen[read_]["seq"].get<std::int64_t>();
            // viewers events repeat the latest stored seq; stored changes only go up.
            CHECK(seq >= last_seq_);
            if (seen[read_]["kind"] != "viewers") CHECK(seq > last_seq_);
            last_seq_ = seq;
        }
        REQUIRE_FALSE(watcher_->is_closed());
    }

private:
    std::unique_ptr<ws_client> moderator_;
    std::unique_ptr<ws_client> watcher_;
    std::string question_;
    int changes_ = 0;
    std::size_t read_ = 0;
    std::int64_t last_seq_ = 0;
};

}  // namespace veche::test
