#include "media/rung_aligner.hpp"

#include <algorithm>
#include <utility>

namespace veche::media {
namespace {

constexpr std::int64_t ms = 1'000'000;
// The rung's keyframe carries the very timestamp of the source's; a millisecond covers rounding.
constexpr std::int64_t keyframe_tolerance_ns = 1 * ms;
// Half a pair of AAC frames (2 × 1024 samples at 48 kHz, audio_packer.hpp): the pair nearest the cut opens the
// segment.
constexpr std::int64_t audio_tolerance_ns = 22 * ms;
// A keyframe that has not come this long after the cut was lost (its picture dropped before the encoder):
// cut at the first buffer past the cut instead.
constexpr std::int64_t missing_keyframe_ns = 500 * ms;
// Timestamps going back this far: the source started a new clock.
constexpr std::int64_t backward_jump_ns = 1000 * ms;
// Bytes kept while no segment is open (the top has not started one): a bound, not a figure that is reached.
constexpr std::size_t max_unclaimed_bytes = 16 * 1024 * 1024;
constexpr std::size_t packet_size = 188;

int pid_of(const char* packet) {
    return ((static_cast<unsigned char>(packet[1]) & 0x1F) << 8) | static_cast<unsigned char>(packet[2]);
}

}  // namespace

rung_aligner::rung_aligner(cut_rule rule, std::size_t max_waiting) : rule_(rule), max_waiting_(max_waiting) {}

void rung_aligner::top_started(std::int64_t start_ns) {
    starts_.push_back(start_ns);
    advance();
}

void rung_aligner::top_published(const hls_segment& top, std::optional<std::int64_t> live_start_ns) {
    hls_segment place = top;
    place.data.reset();
    entries_.push_back({std::move(place), live_start_ns});
    match();
}

void rung_aligner::note_tables(std::string_view bytes) {
    if (bytes.size() % packet_size != 0) return;
    for (std::size_t at = 0; at < bytes.size(); at += packet_size) {
        const char* p = bytes.data() + at;
        if (p[0] != 0x47) return;
        const int pid = pid_of(p);
        if (pid == 0) {
            pat_.assign(p, packet_size);
            // The first program's PMT PID: after the pointer field, 8 bytes of section header, then the program
            // number and the PID.
            const auto* u = reinterpret_cast<const unsigned char*>(p);
            const std::size_t payload = 4u + ((u[3] & 0x20) ? 1u + u[4] : 0u);
            if (payload >= packet_size) continue;
            const std::size_t section = payload + 1u + u[payload];
            if (section + 12 <= packet_size) pmt_pid_ = ((u[section + 10] & 0x1F) << 8) | u[section + 11];
        } else if (pid == pmt_pid_) {
            pmt_.assign(p, packet_size);
        }
    }
}

std::shared_ptr<const std::string> rung_aligner::with_tables(std::string_view data) const {
    const bool has_tables = data.size() >= packet_size && data[0] == 0x47 && pid_of(data.data()) == 0;
    if (has_tables || pat_.empty() || pmt_.empty()) return std::make_shared<const std::string>(data);
    auto out = std::make_shared<std::string>();
    out->reserve(2 * packet_size + data.size());
    out->append(pat_).append(pmt_).append(data);
    return out;
}

void rung_aligner::push(std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe) {
    note_tables(bytes);
    if (pts_ns && last_pts_ && *pts_ns < *last_pts_ - backward_jump_ns) {
        // A new clock: what is open ends here, and starts announced on the old clock will never be reached.
        if (open_) close_open(marks_.size());
        data_.clear();
        marks_.clear();
        const auto now = *pts_ns;
        std::erase_if(starts_, [now](std::int64_t s) { return s > now + backward_jump_ns; });
    }
    if (pts_ns) {
        marks_.push_back({data_.size(), *pts_ns, keyframe});
        last_pts_ = pts_ns;
    } else if (marks_.empty()) {
        return;  // the tail of something already cut away
    }
    data_.append(bytes);
    advance();
}

std::optional<std::size_t> rung_aligner::find_cut(std::int64_t at) const {
    // A cut before the open segment's start is on a new clock: the rung's own data has not jumped back yet.
    if (open_ && at <= *open_) return std::nullopt;
    if (rule_ == cut_rule::any_frame) {
        for (std::size_t i = 0; i < marks_.size(); ++i)
            if (marks_[i].pts >= at - audio_tolerance_ns) return i;
        return std::nullopt;
    }
    for (std::size_t i = 0; i < marks_.size(); ++i)
        if (marks_[i].keyframe && marks_[i].pts >= at - keyframe_tolerance_ns) return i;
    if (marks_.empty() || marks_.back().pts < at + missing_keyframe_ns) return std::nullopt;
    for (std::size_t i = 0; i < marks_.size(); ++i)
        if (marks_[i].pts >= at - keyframe_tolerance_ns) return i;
    return std::nullopt;
}

void rung_aligner::advance() {
    while (!starts_.empty()) {
        const auto cut = find_cut(starts_.front());
        if (!cut) break;
        if (open_) close_open(*cut);
        else drop_before(*cut);
        open_ = starts_.front();
        starts_.pop_front();
    }
    if (!open_ && data_.size() > max_unclaimed_bytes) {
        data_.clear();
        marks_.clear();
    }
    match();
}

void rung_aligner::close_open(std::size_t end_mark) {
    const auto end = end_mark < marks_.size() ? marks_[end_mark].offset : data_.size();
    // A rung with nothing for a segment cannot provide it: it is missed, not published empty.
    if (end > 0) closed_.emplace_back(*open_, with_tables(std::string_view(data_).substr(0, end)));
    open_.reset();
    drop_before(end_mark);
}

void rung_aligner::drop_before(std::size_t first_mark) {
    const auto end = first_mark < marks_.size() ? marks_[first_mark].offset : data_.size();
    data_.erase(0, end);
    marks_.erase(marks_.begin(), marks_.begin() + static_cast<std::ptrdiff_t>(std::min(first_mark, marks_.size())));
    for (auto& m : marks_) m.offset -= end;
}

bool rung_aligner::will_provide(std::int64_t start) const {
    return open_ == start || std::find(starts_.begin(), starts_.end(), start) != starts_.end() ||
           std::any_of(closed_.begin(), closed_.end(), [start](const auto& c) { return c.first == start; });
}

void rung_aligner::match() {
    while (!entries_.empty()) {
        const auto& e = entries_.front();
        if (!e.live_start) {
            ready_.push_back({e.place, nullptr});
        } else if (!closed_.empty() && closed_.front().first == *e.live_start) {
            ready_.push_back({e.place, std::move(closed_.front().second)});
            closed_.pop_front();
        } else if (!closed_.empty() && std::none_of(entries_.begin(), entries_.end(), [&](const waiting_entry& w) {
                       return w.live_start == closed_.front().first;
                   })) {
            closed_.pop_front();  // a segment whose place was given up earlier
            continue;
        } else if (will_provide(*e.live_start) && entries_.size() <= max_waiting_) {
            break;
        } else {
            ++missed_;
        }
        entries_.pop_front();
    }
}

void rung_aligner::flush() {
    if (open_) close_open(marks_.size());
    starts_.clear();
    data_.clear();
    marks_.clear();
    last_pts_.reset();
    match();
}

void rung_aligner::reset() {
    starts_.clear();
    open_.reset();
    data_.clear();
    marks_.clear();
    last_pts_.reset();
    closed_.clear();
    entries_.clear();
    ready_.clear();
}

std::vector<rung_aligner::segment> rung_aligner::take_ready() { return std::exchange(ready_, {}); }

}  // namespace veche::media
