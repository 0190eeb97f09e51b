#include "media/rung_recording.hpp"

#include "common/log.hpp"
#include "media/recording_worker.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <ctime>
#include <fstream>

namespace veche::media {
namespace fs = std::filesystem;
namespace {

constexpr const char* index_name = "index.tsv";

std::error_code last_error() { return {errno, std::generic_category()}; }

// The UTC day a segment belongs to, its directory's name: "20260114".
std::string day_of(std::int64_t program_date_ms) {
    const auto secs = static_cast<std::time_t>(program_date_ms / 1000);
    std::tm utc{};
    gmtime_r(&secs, &utc);
    char name[16];
    std::strftime(name, sizeof name, "%Y%m%d", &utc);
    return name;
}

// When the day named `day` ends, in ms since the epoch; none for a name that is not a day.
std::optional<std::int64_t> day_end_ms(const std::string& day) {
    if (day.size() != 8 || !std::all_of(day.begin(), day.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::tm utc{};
    utc.tm_year = std::stoi(day.substr(0, 4)) - 1900;
    utc.tm_mon = std::stoi(day.substr(4, 2)) - 1;
    utc.tm_mday = std::stoi(day.substr(6, 2)) + 1;
    return static_cast<std::int64_t>(timegm(&utc)) * 1000;
}

std::error_code write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const auto n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return last_error();
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

// A directory's new entries survive a power cut once the directory itself is synced.
void sync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

std::error_code make_day_dir(const fs::path& dir) {
    if (fs::is_directory(dir)) return {};
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return ec;
    sync_dir(dir.parent_path());
    return {};
}

}  // namespace

rung_recording::rung_recording(fs::path dir, recording_worker& worker, std::shared_ptr<std::atomic<std::int64_t>> hall_bytes)
    : dir_(std::move(dir)), worker_(worker), hall_bytes_(std::move(hall_bytes)) {}

rung_recording::~rung_recording() {
    if (index_fd_ >= 0) ::close(index_fd_);
}

std::size_t rung_recording::load() {
    std::vector<recorded_segment> found;
    std::uint64_t bytes = 0;
    std::size_t skipped = 0;
    std::error_code ec;
    for (const auto& day : fs::directory_iterator(dir_, ec)) {
        const auto name = day.path().filename().string();
        if (!day_end_ms(name) || !day.is_directory()) continue;
        std::ifstream in(day.path() / index_name, std::ios::binary);
        std::string line;
        while (std::getline(in, line)) {
            // getline drops the newline; a last line without one was torn by a crash.
            if (!in.eof()) line += '\n';
            auto entry = parse_index_line(line);
            // The day a segment is filed under is that of its date: anything else is not ours.
            if (!entry || day_of(entry->program_date_ms) != name) {
                ++skipped;
                continue;
            }
            if (!entry->gap) {
                std::error_code size_ec;
                const auto size = fs::file_size(day.path() / entry->name, size_ec);
                if (size_ec || size != entry->bytes) {
                    ++skipped;
                    continue;
                }
                bytes += entry->bytes;
            }
            found.push_back(std::move(*entry));
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.program_date_ms < b.program_date_ms; });
    if (skipped > 0) log::warn("recording ", dir_.string(), ": ", skipped, " index line(s) without a whole segment, left out");
    std::lock_guard lock(mutex_);
    entries_ = std::move(found);
    hall_bytes_->fetch_add(static_cast<std::int64_t>(bytes) - static_cast<std::int64_t>(bytes_));
    bytes_ = bytes;
    return entries_.size();
}

void rung_recording::record(const std::string& name, std::int64_t program_date_ms, double duration_s,
                            bool discontinuity, std::shared_ptr<const std::string> data) {
    recorded_segment entry;
    entry.name = name;
    entry.program_date_ms = program_date_ms;
    entry.duration_ms = std::llround(duration_s * 1000.0);
    entry.bytes = data->size();
    entry.discontinuity = discontinuity;
    worker_.post([this, entry = std::move(entry), data = std::move(data)]() mutable {
        return write_segment(std::move(entry), *data);
    });
}

void rung_recording::record_gap(std::int64_t program_date_ms, double duration_s) {
    recorded_segment entry;
    entry.gap = true;
    entry.program_date_ms = program_date_ms;
    entry.duration_ms = std::llround(duration_s * 1000.0);
    worker_.post([this, entry = std::move(entry)] { return write_gap(entry); });
}

std::error_code rung_recording::write_segment(recorded_segment entry, std::string_view data) {
    const auto day = day_of(entry.program_date_ms);
    const auto day_dir = dir_ / day;
    if (auto ec = make_day_dir(day_dir)) return ec;
    const auto path = day_dir / entry.name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return last_error();
    auto ec = write_all(fd, data);
    if (!ec && ::fdatasync(fd) != 0) ec = last_error();
    ::close(fd);
    if (ec) {
        std::error_code ignored;
        fs::remove(path, ignored);
        return ec;
    }
    entry.info = inspect_segment(data);
    entry.bytes = data.size();
    if ((ec = append_line(day, index_line(entry)))) return ec;
    add(std::move(entry));
    return {};
}

std::error_code rung_recording::write_gap(const recorded_segment& entry) {
    const auto day = day_of(entry.program_date_ms);
    if (auto ec = make_day_dir(dir_ / day)) return ec;
    if (auto ec = append_line(day, index_line(entry))) return ec;
    add(entry);
    return {};
}

std::error_code rung_recording::append_line(const std::string& day, const std::string& line) {
    if (index_fd_ < 0 || index_day_ != day) {
        if (index_fd_ >= 0) ::close(index_fd_);
        index_day_ = day;
        index_fd_ = ::open((dir_ / day / index_name).c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (index_fd_ < 0) return last_error();
        // A line torn by a crash gets its end, so that it stays one bad line and the next one is whole.
        const auto end = ::lseek(index_fd_, 0, SEEK_END);
        char last = '\n';
        if (end > 0 && ::pread(index_fd_, &last, 1, end - 1) == 1 && last != '\n')
            if (auto ec = write_all(index_fd_, "\n")) return ec;
    }
    if (auto ec = write_all(index_fd_, line)) return ec;
    if (::fdatasync(index_fd_) != 0) return last_error();
    return {};
}

void rung_recording::add(recorded_segment entry) {
    std::lock_guard lock(mutex_);
    if (!entry.gap) {
        bytes_ += entry.bytes;
        hall_bytes_->fetch_add(static_cast<std::int64_t>(entry.bytes));
    }
    const auto at = std::upper_bound(entries_.begin(), entries_.end(), entry.program_date_ms,
                                     [](std::int64_t t, const auto& e) { return t < e.program_date_ms; });
    entries_.insert(at, std::move(entry));
}

std::uint64_t rung_recording::expire(std::int64_t cutoff_ms) {
    std::uint64_t freed = 0;
    std::error_code ec;
    std::vector<fs::path> old;
    for (const auto& day : fs::directory_iterator(dir_, ec)) {
        const auto end = day_end_ms(day.path().filename().string());
        if (end && *end <= cutoff_ms && day.is_directory()) old.push_back(day.path());
    }
    if (old.empty()) return 0;
    {
        std::lock_guard lock(mutex_);
        const auto keep = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) {
            return *day_end_ms(day_of(e.program_date_ms)) > cutoff_ms;
        });
        for (auto it = entries_.begin(); it != keep; ++it)
            if (!it->gap) freed += it->bytes;
        entries_.erase(entries_.begin(), keep);
        freed = std::min(bytes_, freed);
        bytes_ -= freed;
        hall_bytes_->fetch_sub(static_cast<std::int64_t>(freed));
    }
    for (const auto& path : old) {
        if (index_fd_ >= 0 && path.filename() == index_day_) {
            ::close(index_fd_);
            index_fd_ = -1;
        }
        fs::remove_all(path, ec);
    }
    return freed;
}

template <typename Fn>
void rung_recording::each_in(std::int64_t from_ms, std::int64_t to_ms, Fn&& fn) const {
    // A segment that started before from_ms but runs past it belongs to the slice: start the search a
    // longest segment earlier.
    auto by_date = [](const auto& e, std::int64_t t) { return e.program_date_ms < t; };
    for (auto it = std::lower_bound(entries_.begin(), entries_.end(), from_ms - longest_segment_ms, by_date);
         it != entries_.end() && it->program_date_ms < to_ms; ++it)
        if (it->end_ms() > from_ms && !fn(*it)) return;
}

std::vector<recorded_segment> rung_recording::slice(std::int64_t from_ms, std::int64_t to_ms) const {
    std::vector<recorded_segment> out;
    std::lock_guard lock(mutex_);
    each_in(from_ms, to_ms, [&](const recorded_segment& e) {
        out.push_back(e);
        return true;
    });
    return out;
}

std::optional<fs::path> rung_recording::file_of(std::string_view name, std::int64_t from_ms, std::int64_t to_ms) const {
    std::optional<fs::path> found;
    std::lock_guard lock(mutex_);
    each_in(from_ms, to_ms, [&](const recorded_segment& e) {
        if (e.gap || e.name != name) return true;
        found = dir_ / day_of(e.program_date_ms) / e.name;
        return false;
    });
    return found;
}

std::optional<std::int64_t> rung_recording::recorded_from() const {
    std::lock_guard lock(mutex_);
    if (entries_.empty()) return std::nullopt;
    return entries_.front().program_date_ms;
}

std::optional<std::int64_t> rung_recording::recorded_until() const {
    std::lock_guard lock(mutex_);
    if (entries_.empty()) return std::nullopt;
    return entries_.back().end_ms();
}

std::uint64_t rung_recording::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace veche::media
