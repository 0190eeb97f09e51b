#pragma once
// A storm of asks and votes on the busy session through every node: each
// participant starts on a node of its own, pipelines asks and votes with
// rids, and when its node dies (or answers "retry") goes to another node and
// sends what is unanswered again with the same rids, as the web client does.
// A moderator approves every new question through whatever node is up.
// What was acknowledged is written down for the checks.

#include "cluster_fixture.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace veche::test {

struct cluster_person {
    std::size_t home = 0;
    std::string token;
    std::map<std::string, std::string> asked;  // acknowledged: text (also its rid) → question id
    std::set<std::string> voted;               // acknowledged votes: question ids
};

class cluster_storm {
public:
    cluster_storm(cluster_fixture& cluster, int participants);
    ~cluster_storm() { join(); }
    cluster_storm(const cluster_storm&) = delete;
    cluster_storm& operator=(const cluster_storm&) = delete;

    // New asks for `length`; then what is in flight is retried until answered (at most 20 s more).
    void start(int round, std::chrono::seconds length);
    void join();

    std::vector<cluster_person>& people() { return people_; }
    const std::string& moderator_token() const { return moderator_; }
    // Acknowledgements so far (asks and votes), for "it goes on after the failover".
    std::size_t acks() const;

private:
    void participate(cluster_person& me, int who, int round);
    void moderate();
    std::unique_ptr<ws_client> connect_any(std::size_t first, const std::string& token);

    cluster_fixture& cluster_;
    std::vector<cluster_person> people_;
    std::string moderator_;
    std::chrono::steady_clock::time_point asks_until_;
    std::chrono::steady_clock::time_point give_up_;
    mutable std::mutex mutex_;
    std::size_t acks_ = 0;
    std::vector<std::thread> threads_;
};

// Every acknowledged ask is on the node exactly once, every acknowledged vote
// counted once, and the node's fresh snapshot agrees with the others'.
void check_nothing_acknowledged_lost(cluster_fixture& cluster, cluster_storm& storm);

}  // namespace veche::test
