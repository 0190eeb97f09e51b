#include "hub/request_log.hpp"

namespace veche::hub {

request_log::request_log(const request_log_bounds& bounds) : bounds_(bounds) {}

const request_log::answer* request_log::find(std::string_view participant, std::string_view rid,
                                              core::epoch_ms now) const {
    const auto p = participants_.find(participant);
    if (p == participants_.end()) return nullptr;
    const auto e = p->second.index.find(rid);
    if (e == p->second.index.end() || (*e)->at < now - bounds_.max_age.count()) return nullptr;
    return &(*e)->reply;
}

void request_log::add(std::string_view participant, std::string_view rid, answer a, core::epoch_ms at) {
    auto p = participants_.find(participant);
    if (p == participants_.end()) p = participants_.emplace(std::string(participant), participant_log{}).first;
    auto& log = p->second;
    if (log.index.find(rid) != log.index.end()) return;
    log.order.push_back(entry{std::string(rid), std::move(a), at});
    log.index.insert(&log.order.back());
    ++size_;
    trim(log, at);
    // Participants who went quiet keep their old rids until a sweep: one every hour or so.
    if (at >= next_sweep_) sweep(at);
}

bool request_log::trim(participant_log& log, core::epoch_ms now) {
    const auto oldest_kept = now - bounds_.max_age.count();
    while (!log.order.empty() && (log.order.size() > bounds_.per_participant || log.order.front().at < oldest_kept)) {
        log.index.erase(&log.order.front());
        log.order.pop_front();
        --size_;
    }
    return log.order.empty();
}

void request_log::sweep(core::epoch_ms now) {
    for (auto it = participants_.begin(); it != participants_.end();) {
        if (trim(it->second, now)) it = participants_.erase(it);
        else ++it;
    }
    next_sweep_ = now + std::max<core::epoch_ms>(1000, bounds_.max_age.count() / 24);
}

}  // namespace veche::hub
