#include "net/segment_cache.hpp"

#include "net/file_response.hpp"

namespace veche::net {

segment_cache::segment_cache(std::uint64_t max_bytes, metrics_registry& metrics)
    : max_bytes_(max_bytes),
      hits_(metrics.make_counter("veche_vod_cache_hits_total", "Replay segments served from memory")),
      misses_(metrics.make_counter("veche_vod_cache_misses_total", "Replay segments read from disk")),
      kept_bytes_(metrics.make_gauge("veche_vod_cache_bytes", "Bytes of replay segments kept in memory")) {}

std::optional<cached_file> segment_cache::find(const std::string& path) {
    std::lock_guard lock(mutex_);
    const auto it = by_path_.find(path);
    if (it == by_path_.end()) return std::nullopt;
    recent_.splice(recent_.begin(), recent_, it->second);
    hits_.inc();
    return it->second->file;
}

std::optional<cached_file> segment_cache::load(const std::string& path, const indexed_file& file) {
    misses_.inc();
    if (file.size() == 0 || file.size() > max_bytes_ / 8) return std::nullopt;
    auto read = read_indexed(file);
    if (read) add(path, *read);
    return read;
}

void segment_cache::add(const std::string& path, const cached_file& file) {
    std::lock_guard lock(mutex_);
    if (by_path_.count(path)) return;  // another thread read it meanwhile
    recent_.push_front(entry{path, file});
    by_path_.emplace(path, recent_.begin());
    bytes_ += file.size();
    while (bytes_ > max_bytes_) {
        bytes_ -= recent_.back().file.size();
        by_path_.erase(recent_.back().path);
        recent_.pop_back();
    }
    kept_bytes_.set(static_cast<std::int64_t>(bytes_));
}

}  // namespace veche::net
