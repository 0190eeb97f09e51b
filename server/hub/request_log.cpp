#include "hub/request_log.hpp"

#include <algorithm>
#include <cstring>

namespace veche::hub {
namespace {

std::size_t slot_of(std::string_view rid, std::size_t mask) { return std::hash<std::string_view>{}(rid) & mask; }

}  // namespace

const request_log::entry* request_log::participant_log::at_slot(std::uint32_t slot) const {
    const auto n = static_cast<std::uint32_t>(slot - 1 - static_cast<std::uint32_t>(first_));
    return n < count_ ? &nth(n) : nullptr;
}

const request_log::entry* request_log::participant_log::find(std::string_view rid) const {
    if (slots_.empty()) return nullptr;
    const auto mask = slots_.size() - 1;
    for (auto i = slot_of(rid, mask);; i = (i + 1) & mask) {
        if (slots_[i] == 0) return nullptr;
        if (const auto* e = at_slot(slots_[i]); e && e->rid() == rid) return e;
    }
}

void request_log::participant_log::push(entry e) {
    if (count_ == ring_.size()) {
        std::vector<entry> bigger(std::max<std::size_t>(8, 2 * ring_.size()));
        for (std::size_t n = 0; n < count_; ++n) bigger[n] = std::move(ring_[(head_ + n) & (ring_.size() - 1)]);
        ring_ = std::move(bigger);
        head_ = 0;
    }
    auto& added = ring_[(head_ + count_) & (ring_.size() - 1)];
    added = std::move(e);
    ++count_;
    if ((used_slots_ + 1) * 4 > slots_.size() * 3) return rebuild();
    const auto mask = slots_.size() - 1;
    const auto number = static_cast<std::uint32_t>(first_ + count_ - 1);
    for (auto i = slot_of(added.rid(), mask);; i = (i + 1) & mask) {
        if (slots_[i] != 0 && at_slot(slots_[i])) continue;
        used_slots_ += slots_[i] == 0 ? 1 : 0;
        slots_[i] = number + 1;
        return;
    }
}

void request_log::participant_log::pop_front() {
    ring_[head_] = entry{};
    head_ = (head_ + 1) & (ring_.size() - 1);
    --count_;
    ++first_;
}

void request_log::participant_log::rebuild() {
    // Twice the live entries (at least 8 slots): room to grow, and the tombstones gone.
    std::size_t size = 8;
    while (size < 2 * count_) size *= 2;
    slots_.assign(size, 0);
    used_slots_ = count_;
    const auto mask = size - 1;
    for (std::size_t n = 0; n < count_; ++n) {
        auto i = slot_of(nth(n).rid(), mask);
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = static_cast<std::uint32_t>(first_ + n) + 1;
    }
}

request_log::request_log(const request_log_bounds& bounds) : bounds_(bounds) {}

std::optional<request_log::answer> request_log::find(std::string_view participant, std::string_view rid,
                                                      core::epoch_ms now) const {
    const auto p = participants_.find(participant);
    if (p == participants_.end()) return std::nullopt;
    const auto* e = p->second.find(rid);
    if (!e || e->at < now - bounds_.max_age.count()) return std::nullopt;
    answer a{{e->text.get() + e->rid_size, e->answer_size}, std::nullopt};
    if (e->refused) a.refused = static_cast<core::error_code>(e->refused - 1);
    return a;
}

void request_log::add(std::string_view participant, std::string_view rid, answer a, core::epoch_ms at) {
    auto p = participants_.find(participant);
    if (p == participants_.end()) p = participants_.emplace(std::string(participant), participant_log{}).first;
    auto& log = p->second;
    if (log.find(rid)) return;
    entry e;
    e.text = std::make_unique_for_overwrite<char[]>(rid.size() + a.text.size());
    std::memcpy(e.text.get(), rid.data(), rid.size());
    std::memcpy(e.text.get() + rid.size(), a.text.data(), a.text.size());
    e.rid_size = static_cast<std::uint16_t>(rid.size());
    e.answer_size = static_cast<std::uint32_t>(a.text.size());
    e.refused = a.refused ? static_cast<std::uint8_t>(static_cast<int>(*a.refused) + 1) : 0;
    e.at = at;
    log.push(std::move(e));
    ++size_;
    trim(log, at);
    // Participants who went quiet keep their old rids until a sweep: one every hour or so.
    if (at >= next_sweep_) sweep(at);
}

bool request_log::trim(participant_log& log, core::epoch_ms now) {
    const auto oldest_kept = now - bounds_.max_age.count();
    while (log.size() > 0 && (log.size() > bounds_.per_participant || log.front().at < oldest_kept)) {
        log.pop_front();
        --size_;
    }
    return log.size() == 0;
}

void request_log::sweep(core::epoch_ms now) {
    for (auto it = participants_.begin(); it != participants_.end();) {
        if (trim(it->second, now)) it = participants_.erase(it);
        else ++it;
    }
    next_sweep_ = now + std::max<core::epoch_ms>(1000, bounds_.max_age.count() / 24);
}

}  // namespace veche::hub
