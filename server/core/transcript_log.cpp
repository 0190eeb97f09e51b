#include "core/transcript_log.hpp"

#include <algorithm>

namespace veche::core {

const transcript_segment* transcript_log::find_final(const std::string& id) const {
    const auto it = final_index_.find(id);
    return it == final_index_.end() ? nullptr : &finals_[it->second];
}

std::vector<transcript_segment> transcript_log::last_finals(std::size_t n) const {
    const auto start = finals_.size() > n ? finals_.size() - n : 0;
    return {finals_.begin() + static_cast<std::ptrdiff_t>(start), finals_.end()};
}

std::vector<transcript_segment> transcript_log::finals_by_time() const {
    auto out = finals_;
    std::stable_sort(out.begin(), out.end(),
                     [](const transcript_segment& a, const transcript_segment& b) { return a.start_ms < b.start_ms; });
    return out;
}

std::vector<transcript_segment> transcript_log::partials() const {
    std::vector<transcript_segment> out;
    for (const auto& [id, s] : partials_) out.push_back(s);
    return out;
}

std::optional<epoch_ms> transcript_log::first_seen(const std::string& id) const {
    const auto it = partials_.find(id);
    if (it == partials_.end()) return std::nullopt;
    return it->second.start_ms;
}

void transcript_log::apply_final(const transcript_segment& s) {
    partials_.erase(s.id);
    const auto it = final_index_.find(s.id);
    if (it != final_index_.end()) {
        finals_[it->second] = s;  // a correction of a line already final
        return;
    }
    final_index_.emplace(s.id, finals_.size());
    finals_.push_back(s);
}

void transcript_log::set_partial(const transcript_segment& s) { partials_[s.id] = s; }

}  // namespace veche::core
