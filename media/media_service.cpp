#include "media/media_service.hpp"

#include "common/log.hpp"
#include "media/glib_loop.hpp"
#include "media/gst_support.hpp"
#include "media/hall_channel.hpp"
#include "media/hall_relay.hpp"
#include "media/slate_encoder.hpp"
#include "media/state_worker.hpp"
#include "media/vod_playlist.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <map>

namespace veche::media {
namespace {

// Every hall with a source is recorded, the test picture too (so that the demo has replays).
bool records(const config::media_settings& settings, const core::source_uri& source) {
    return settings.record && source.kind != core::source_kind::none;
}

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(wall_clock::now().time_since_epoch()).count();
}

// Whether this machine has what encoding a ladder's lower rungs takes; says what is missing when it has not.
bool can_encode(const std::string& encoder) {
    ensure_gstreamer();
    for (const auto* element : {encoder.c_str(), "avdec_h264", "videoscale", "videoconvert"}) {
        GstElementFactory* factory = gst_element_factory_find(element);
        if (!factory) {
            log::error("media: the GStreamer element ", element,
                       " is missing: halls relay their source (and audio-only rung) without their lower rungs");
            return false;
        }
        gst_object_unref(factory);
    }
    return true;
}

}  // namespace

media_service::media_service(const core::event_definition& event, const config::media_settings& settings,
                             std::filesystem::path recordings_dir, metrics_registry& metrics)
    : settings_(settings),
      recordings_dir_(std::move(recordings_dir)),
      recorder_(metrics),
      states_(std::make_unique<state_worker>()),
      loop_(std::make_unique<glib_loop>()) {
    // Segment names carry the start time so that they never repeat across restarts (they are cached as immutable).
    const auto epoch = std::chrono::duration_cast<std::chrono::seconds>(wall_clock::now().time_since_epoch()).count();
    const bool any_ladder = std::any_of(event.halls.begin(), event.halls.end(), [](const auto& h) {
        return !h.ladder.empty() && h.source.kind != core::source_kind::none;
    });
    const bool encodes = !any_ladder || can_encode(settings.encoder);
    for (auto hall : event.halls) {
        if (!encodes) hall.ladder.clear();
        const auto& source = hall.source;
        hall_recording* recording = nullptr;
        if (records(settings, source)) {
            auto r = std::make_unique<hall_recording>(recordings_dir_ / hall.id, hall, recorder_, metrics);
            r->load();
            recording = r.get();
            recordings_.emplace(hall.id, std::move(r));
        }
        auto channel = std::make_unique<hall_channel>(hall, settings, epoch, recording, metrics);
        channel->set_status_listener([this, id = hall.id](stream_status s) { notify(id, s); });
        if (source.kind != core::source_kind::none)
            relays_.push_back(std::make_unique<hall_relay>(
                source, hall.name, ladder_layout{hall.ladder, hall.audio_only, settings.encoder}, *channel,
                loop_->context(), *states_, std::chrono::milliseconds(settings.retry_ms), metrics));
        channels_.push_back(std::move(channel));
    }
}

media_service::~media_service() { stop(); }

void media_service::subscribe(boost::asio::any_io_executor executor, status_handler handler) {
    subscribers_.push_back({std::move(executor), std::move(handler)});
}

void media_service::start() {
    if (started_ || relays_.empty()) return;
    started_ = true;
    recorder_.start([this] { housekeeping(); }, std::chrono::hours(1));
    ensure_gstreamer();
    loop_->start();
    loop_->post([this] { run_start(); });
}

void media_service::run_start() {
    set_slates(std::chrono::seconds(settings_.target_duration_s));
    if (stopping_) return;
    for (auto& r : relays_) r->start();
    loop_->every(std::chrono::milliseconds(100), [this] { tick(); });
}

void media_service::set_slates(std::chrono::seconds duration) {
    // One encode per picture height (0: the audio-only rung's silence), shared by every hall that needs it.
    std::map<int, std::shared_ptr<const std::string>> slates;
    auto slate_of = [&](int height) {
        auto [it, fresh] = slates.try_emplace(height);
        if (fresh && !stopping_) it->second = encode_slate(duration, stopping_, height);
        return it->second;
    };
    for (auto& c : channels_) {
        if (auto top = slate_of(360)) c->set_slate(top, duration);
        auto& ladder = c->ladder();
        for (std::size_t i = 0; i < ladder.size(); ++i)
            if (auto slate = slate_of(ladder.height_of(i))) ladder.set_slate(i, slate, duration);
    }
}

void media_service::tick() {
    const auto now = steady_clock::now();
    const auto wall = wall_clock::now();
    for (auto& r : relays_) r->tick(now, wall);
}

void media_service::stop() {
    if (!started_ || stopping_) return;
    stopping_ = true;
    loop_->post([this] {
        for (auto& r : relays_) r->stop();
    });
    loop_->stop();
    if (!states_->finish(std::chrono::seconds(1))) log::warn("media: a source is still closing; not waiting for it");
    recorder_.stop();
    log::info("media: stopped");
}

void media_service::housekeeping() {
    if (settings_.retention_days == 0) return;
    const auto cutoff = now_ms() - static_cast<std::int64_t>(settings_.retention_days) * 86'400'000;
    for (auto& [hall, r] : recordings_)
        if (const auto freed = r->expire(cutoff); freed > 0)
            log::info("hall ", hall, ": deleted ", freed / (1024 * 1024), " MiB of recordings older than ",
                      settings_.retention_days, " days");
}

const rung_recording* media_service::find_recording(std::string_view hall, std::string_view rung) const {
    const auto it = recordings_.find(hall);
    if (it == recordings_.end()) return nullptr;
    return rung.empty() ? &it->second->top() : it->second->rung(rung);
}

std::optional<std::string> media_service::vod_playlist(std::string_view hall, std::string_view rung,
                                                       std::int64_t from_ms, std::int64_t to_ms, bool ended) const {
    const auto* r = find_recording(hall, rung);
    if (!r) return std::nullopt;
    auto slice = r->slice(from_ms, to_ms);
    if (std::none_of(slice.begin(), slice.end(), [](const auto& s) { return !s.gap; })) return std::nullopt;
    return media::vod_playlist(slice, ended);
}

std::optional<std::string> media_service::vod_master(std::string_view hall, std::int64_t from_ms,
                                                     std::int64_t to_ms) const {
    const auto it = recordings_.find(hall);
    if (it == recordings_.end()) return std::nullopt;
    std::vector<vod_rung> rungs{{"index.m3u8", it->second->top().slice(from_ms, to_ms)}};
    for (const auto& name : it->second->rung_names())
        rungs.push_back({name + "/index.m3u8", it->second->rung(name)->slice(from_ms, to_ms)});
    auto text = media::vod_master(rungs);
    if (text.empty()) return std::nullopt;
    return text;
}

std::optional<std::filesystem::path> media_service::vod_segment(std::string_view hall, std::string_view rung,
                                                                std::string_view name, std::int64_t from_ms,
                                                                std::int64_t to_ms) const {
    const auto* r = find_recording(hall, rung);
    return r ? r->file_of(name, from_ms, to_ms) : std::nullopt;
}

std::vector<recorded_segment> media_service::recorded(std::string_view hall, std::int64_t from_ms,
                                                      std::int64_t to_ms) const {
    const auto* r = find_recording(hall, {});
    return r ? r->slice(from_ms, to_ms) : std::vector<recorded_segment>{};
}

std::optional<std::int64_t> media_service::recorded_from(std::string_view hall) const {
    const auto* r = find_recording(hall, {});
    return r ? r->recorded_from() : std::nullopt;
}

std::optional<std::int64_t> media_service::recorded_until(std::string_view hall) const {
    const auto* r = find_recording(hall, {});
    return r ? r->recorded_until() : std::nullopt;
}

const hall_channel* media_service::find(std::string_view hall) const {
    for (const auto& c : channels_)
        if (c->hall_id() == hall) return c.get();
    return nullptr;
}

stream_status media_service::status(std::string_view hall) const {
    const auto* c = find(hall);
    return c ? c->status() : stream_status::offline;
}

std::shared_ptr<const std::string> media_service::master(std::string_view hall) const {
    const auto* c = find(hall);
    if (!c) return nullptr;
    const auto snap = c->ladder().snapshot();
    return snap ? snap->master : nullptr;
}

std::shared_ptr<const hls_snapshot> media_service::rung_snapshot(std::string_view hall, std::string_view rung) const {
    const auto* c = find(hall);
    if (!c) return nullptr;
    if (rung.empty()) return c->snapshot();
    const auto snap = c->ladder().snapshot();
    return snap ? snap->rung(rung) : nullptr;
}

std::shared_ptr<const std::string> media_service::playlist(std::string_view hall, std::string_view rung) const {
    const auto snap = rung_snapshot(hall, rung);
    return snap ? snap->playlist : nullptr;
}

std::shared_ptr<const std::string> media_service::segment(std::string_view hall, std::string_view rung,
                                                          std::string_view name) const {
    const auto snap = rung_snapshot(hall, rung);
    return snap ? snap->find(name) : nullptr;
}

void media_service::notify(const std::string& hall, stream_status status) {
    if (stopping_) return;
    for (const auto& s : subscribers_)
        boost::asio::post(s.executor, [handler = s.handler, hall, status] { handler(hall, status); });
}

}  // namespace veche::media
