#pragma once
// Everything recorded of one hall: its top rung (the source as it comes,
// under {dir}/top) and each rung of its ladder (under {dir}/rungs/{name}),
// each a rung_recording. Slate periods are marked in the top's index only.

#include "common/metrics_registry.hpp"
#include "core/event_definition.hpp"
#include "media/rung_recording.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace veche::media {

class recording_worker;

class hall_recording {
public:
    hall_recording(std::filesystem::path dir, const core::hall_definition& hall, recording_worker& worker,
                   metrics_registry& metrics);

    rung_recording& top() { return *top_; }
    const rung_recording& top() const { return *top_; }
    // A rung of the ladder or "audio"; null when the hall has no such rung.
    rung_recording* rung(std::string_view name);
    const rung_recording* rung(std::string_view name) const;
    // The rungs' names, as in the ladder (then "audio").
    const std::vector<std::string>& rung_names() const { return names_; }

    // Start-up: reads every index back; logs what it found.
    void load();
    // Deletes what was recorded on days that ended before cutoff_ms; returns the bytes freed.
    std::uint64_t expire(std::int64_t cutoff_ms);
    std::uint64_t bytes() const;

private:
    std::string hall_;
    std::shared_ptr<std::atomic<std::int64_t>> bytes_ = std::make_shared<std::atomic<std::int64_t>>(0);
    std::unique_ptr<rung_recording> top_;
    std::vector<std::string> names_;
    std::map<std::string, std::unique_ptr<rung_recording>, std::less<>> rungs_;
};

}  // namespace veche::media
