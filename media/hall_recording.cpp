#include "media/hall_recording.hpp"

#include "common/log.hpp"
#include "config/ladder_parser.hpp"

namespace veche::media {

hall_recording::hall_recording(std::filesystem::path dir, const core::hall_definition& hall, recording_worker& worker,
                               metrics_registry& metrics)
    : hall_(hall.id), top_(std::make_unique<rung_recording>(dir / "top", worker, bytes_)) {
    for (const auto& r : hall.ladder) names_.push_back(r.name);
    if (hall.audio_only) names_.emplace_back(config::audio_rung_name);
    for (const auto& name : names_) rungs_.emplace(name, std::make_unique<rung_recording>(dir / "rungs" / name, worker, bytes_));
    metrics.add_gauge_callback("veche_media_recording_bytes", "Bytes of the hall's recordings on disk, every rung",
                               {{"hall", hall_}}, [total = bytes_] { return static_cast<double>(total->load()); });
}

rung_recording* hall_recording::rung(std::string_view name) {
    const auto it = rungs_.find(name);
    return it == rungs_.end() ? nullptr : it->second.get();
}

const rung_recording* hall_recording::rung(std::string_view name) const {
    const auto it = rungs_.find(name);
    return it == rungs_.end() ? nullptr : it->second.get();
}

void hall_recording::load() {
    std::size_t segments = top_->load();
    for (auto& [name, r] : rungs_) segments += r->load();
    if (segments > 0) log::info("hall ", hall_, ": ", segments, " recorded segments, ", bytes() / (1024 * 1024), " MiB");
}

std::uint64_t hall_recording::expire(std::int64_t cutoff_ms) {
    auto freed = top_->expire(cutoff_ms);
    for (auto& [name, r] : rungs_) freed += r->expire(cutoff_ms);
    return freed;
}

std::uint64_t hall_recording::bytes() const { return static_cast<std::uint64_t>(bytes_->load()); }

}  // namespace veche::media
