#pragma once
// A storm of traffic on the pre-moderated session, as many people as the
// test likes: participants ask and vote as fast as the server answers, a
// moderator approves or rejects every new question, a captioner posts
// transcript lines. Every request carries a
// rid; what was acknowledged is written down, so a test can kill the server
// in the middle and then check that nothing acknowledged was lost, and
// nothing applied twice.

#include "forum_fixture.hpp"

#include <map>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace veche::test {

struct storm_person {
    std::string token;
    std::map<std::string, std::string> asked;  // acknowledged: text (also its rid) → question id
    std::set<std::string> voted;               // acknowledged votes: question ids
    std::set<std::string> unanswered;          // asks sent and not answered: texts
    int close_code = -1;                       // how the server last closed the connection
};

class storm {
public:
    storm(forum_fixture& forum, int participants);
    ~storm() { join(); }  // a failed REQUIRE must not leave threads behind
    storm(const storm&) = delete;
    storm& operator=(const storm&) = delete;

    // Runs a round in threads until the server closes the connections (or 10 s pass).
    void start(int round);
    void join();

    // What was acknowledged, for the checks.
    std::vector<storm_person>& people() { return people_; }
    storm_person& moderator() { return moderator_; }
    storm_person& captioner() { return captioner_; }
    // Decisions the moderator had acknowledged: question id → "approved" or "rejected".
    const std::map<std::string, std::string>& decisions() const { return decisions_; }
    // Transcript lines the captioner had acknowledged: segment id → text.
    const std::map<std::string, std::string>& lines() const { return lines_; }
    // The highest seq of an event anybody received (events go out only once stored).
    std::int64_t max_seq() const { return max_seq_; }

    // The limits a storm needs lifted so that only the server's speed limits it.
    static void lift_limits(nlohmann::json& cfg);

private:
    void participate(storm_person& me, int who, int round);
    void moderate();
    void caption(int round);

    forum_fixture& forum_;
    std::vector<storm_person> people_;
    storm_person moderator_;
    storm_person captioner_;
    std::map<std::string, std::string> decisions_;
    std::map<std::string, std::string> lines_;
    std::int64_t max_seq_ = 0;
    std::mutex mutex_;
    std::vector<std::thread> threads_;
};

}  // namespace veche::test
