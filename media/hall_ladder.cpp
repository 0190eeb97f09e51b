#include "media/hall_ladder.hpp"

#include "common/log.hpp"
#include "config/ladder_parser.hpp"
#include "media/master_playlist.hpp"
#include "media/pes_timestamp.hpp"

#include <cstdio>

namespace veche::media {
namespace {

constexpr std::size_t remembered_top_segments = 64;

std::string seconds_text(std::chrono::milliseconds d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(d.count()) / 1000.0);
    return text;
}

}  // namespace

hall_ladder::hall_ladder(const core::hall_definition& hall, const config::media_settings& settings, std::int64_t epoch,
                         hall_recording* recording, metrics_registry& metrics)
    : hall_id_(hall.id),
      ladder_(hall.ladder),
      target_(std::chrono::seconds(settings.target_duration_s)),
      plan_(assumed_plan(hall.ladder)) {
    auto add = [&](std::optional<core::rung_definition> def, std::string name) {
        auto* rung_recording = recording ? recording->rung(name) : nullptr;
        auto cut = def ? rung_aligner::cut_rule::keyframe : rung_aligner::cut_rule::any_frame;
        rung_output output(hall.id, name, settings, epoch, rung_recording, metrics);
        rungs_.push_back(std::unique_ptr<rung>(new rung{std::move(def), std::move(output), rung_aligner(cut)}));
    };
    for (const auto& r : ladder_) add(r, r.name);
    if (hall.audio_only) add(std::nullopt, std::string(config::audio_rung_name));
    for (std::size_t i = 0; i < rungs_.size(); ++i)
        rungs_[i]->active = i >= plan_.roles.size() || plan_.roles[i] == rung_role::encoded;
}

int hall_ladder::height_of(std::size_t i) const {
    const auto& def = rungs_.at(i)->definition;
    return def ? def->height : 0;
}

void hall_ladder::set_slate(std::size_t i, std::shared_ptr<const std::string> slate, std::chrono::seconds duration) {
    rungs_.at(i)->output.set_slate(std::move(slate), duration);
}

void hall_ladder::set_plan(const ladder_plan& plan) {
    if (plan == plan_) return;
    plan_ = plan;
    log::info("hall ", hall_id_, ": ", describe(plan));
    for (std::size_t i = 0; i < ladder_.size(); ++i) {
        auto& r = *rungs_[i];
        const bool active = plan.roles[i] == rung_role::encoded;
        // A rung that starts (or stops) being encoded starts afresh: what it held belongs to another picture.
        if (active != r.active) r.aligner.reset();
        r.active = active;
    }
    rebuild();
}

std::string hall_ladder::describe(const ladder_plan& plan) const {
    std::string out = "ladder for a " + std::to_string(plan.source.width) + "x" + std::to_string(plan.source.height) +
                      " source: ";
    if (plan.top_name(ladder_).empty()) out += "the source as it comes";
    for (std::size_t i = 0; i < ladder_.size(); ++i) {
        if (i > 0 || plan.top_name(ladder_).empty()) out += ", ";
        out += ladder_[i].name;
        switch (plan.roles[i]) {
        case rung_role::passthrough: out += " as it comes"; break;
        case rung_role::encoded:
            out += " encoded at " + std::to_string(plan.widths[i]) + "x" + std::to_string(ladder_[i].height);
            break;
        case rung_role::skipped: out += " skipped (taller than the source)"; break;
        }
    }
    return out;
}

void hall_ladder::top_started(std::int64_t start_ns, steady_time now) {
    bool published = false;
    for (auto& r : rungs_) {
        if (!r->active) continue;
        r->aligner.top_started(start_ns);
        published = publish_ready(*r, now) || published;
    }
    if (published) rebuild();
}

void hall_ladder::top_published(const hls_segment& segment, std::optional<std::int64_t> live_start_ns,
                                std::shared_ptr<const hls_snapshot> top, steady_time now) {
    top_ = std::move(top);
    if (segment.data) top_info_ = inspect_segment(*segment.data);
    top_times_.emplace_back(segment.sequence, now);
    if (top_times_.size() > remembered_top_segments) top_times_.pop_front();
    const bool live = live_start_ns.has_value();
    for (std::size_t i = 0; i < ladder_.size(); ++i)
        if (plan_.roles[i] == rung_role::passthrough) rungs_[i]->output.count_passthrough(segment, live);
    for (auto& r : rungs_) {
        if (!r->active) continue;
        r->aligner.top_published(segment, live_start_ns);
        publish_ready(*r, now);
    }
    rebuild();
}

void hall_ladder::on_buffer(std::size_t i, std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe,
                            steady_time now) {
    auto& r = *rungs_.at(i);
    if (!r.active) return;
    // The time its PES header carries, as the top's cut does (the muxers stamp their buffers each their own way).
    r.aligner.push(bytes, content_time_ns(bytes, keyframe, pts_ns), keyframe);
    if (publish_ready(r, now)) rebuild();
}

void hall_ladder::source_restarted(steady_time now) {
    for (auto& r : rungs_) {
        r->aligner.flush();
        // What a rung misses when the source goes is no sign of a slow encoder.
        r->missed_seen = r->aligner.missed();
        publish_ready(*r, now);
    }
    rebuild();
}

void hall_ladder::count_encoder(std::size_t i, std::uint64_t frames, std::uint64_t dropped, std::int64_t ns_per_frame) {
    rungs_.at(i)->output.count_encoder(frames, dropped, ns_per_frame);
}

bool hall_ladder::publish_ready(rung& r, steady_time now) {
    auto ready = r.aligner.take_ready();
    for (auto& s : ready) {
        const bool live = s.data != nullptr;
        if (!r.output.publish(s.place, std::move(s.data)) || !live) continue;
        for (const auto& [sequence, at] : top_times_)
            if (sequence == s.place.sequence)
                note_lag(r, std::chrono::duration_cast<std::chrono::milliseconds>(now - at));
    }
    if (r.aligner.missed() > r.missed_seen) {
        if (!r.behind)
            log::warn("hall ", hall_id_, ": rung ", r.output.name(), " missed ", r.aligner.missed() - r.missed_seen,
                      " segment(s): its encoder cannot keep up with the source");
        r.behind = true;
        r.output.set_behind(true);
        r.missed_seen = r.aligner.missed();
    }
    return !ready.empty();
}

void hall_ladder::note_lag(rung& r, std::chrono::milliseconds lag) {
    if (lag > target_ && !r.behind) {
        r.behind = true;
        log::warn("hall ", hall_id_, ": rung ", r.output.name(), " is ", seconds_text(lag),
                  " s behind the source: its encoder cannot keep up");
    } else if (r.behind && lag < target_ / 2) {
        r.behind = false;
        log::info("hall ", hall_id_, ": rung ", r.output.name(), " is in step with the source again");
    }
    r.output.set_lag(lag);
    r.output.set_behind(r.behind);
}

void hall_ladder::rebuild() {
    auto snap = std::make_shared<ladder_snapshot>();
    std::vector<variant> variants;
    if (top_) {
        const auto top_name = plan_.top_name(ladder_);
        variant top{top_name.empty() ? "index.m3u8" : top_name + "/index.m3u8", top_info_};
        measure_bandwidth(*top_, top);
        variants.push_back(std::move(top));
        if (!top_name.empty()) snap->rungs.emplace_back(top_name, top_);
        for (const auto& r : rungs_) {
            const auto rung_snap = r->output.snapshot();
            if (!r->active || !rung_snap) continue;
            variant v{r->output.name() + "/index.m3u8", r->output.info()};
            measure_bandwidth(*rung_snap, v);
            variants.push_back(std::move(v));
            snap->rungs.emplace_back(r->output.name(), rung_snap);
        }
        snap->master = std::make_shared<const std::string>(master_playlist(variants));
    }
    snapshot_.store(std::move(snap));
}

}  // namespace veche::media
