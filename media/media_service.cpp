#include "media/media_service.hpp"

#include "common/log.hpp"
#include "media/glib_loop.hpp"
#include "media/gst_support.hpp"
#include "media/hall_channel.hpp"
#include "media/hall_relay.hpp"
#include "media/slate_encoder.hpp"
#include "media/state_worker.hpp"

#include <boost/asio/post.hpp>

namespace veche::media {
namespace {

// The synthetic test picture is not worth disk space: only real sources are recorded.
bool records(const config::media_settings& settings, const config::source_uri& source) {
    return settings.record && source.kind != config::source_kind::test && source.kind != config::source_kind::none;
}

}  // namespace

media_service::media_service(const core::event_definition& event, const config::media_settings& settings,
                             std::filesystem::path recordings_dir, metrics_registry& metrics)
    : settings_(settings), states_(std::make_unique<state_worker>()), loop_(std::make_unique<glib_loop>()) {
    // Segment names carry the start time so that they never repeat across restarts (they are cached as immutable).
    const auto epoch = std::chrono::duration_cast<std::chrono::seconds>(wall_clock::now().time_since_epoch()).count();
    for (const auto& hall : event.halls) {
        auto source = config::source_uri::parse(hall.source);  // validated by the config loader
        auto channel = std::make_unique<hall_channel>(
            hall.id, settings, epoch, records(settings, source) ? recordings_dir / hall.id : std::filesystem::path{},
            metrics);
        channel->set_status_listener([this, id = hall.id](stream_status s) { notify(id, s); });
        if (source.kind != config::source_kind::none)
            relays_.push_back(std::make_unique<hall_relay>(std::move(source), hall.name, *channel, loop_->context(),
                                                           *states_, std::chrono::milliseconds(settings.retry_ms),
                                                           metrics));
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
    ensure_gstreamer();
    loop_->start();
    loop_->post([this] { run_start(); });
}

void media_service::run_start() {
    const std::chrono::seconds duration(settings_.target_duration_s);
    if (auto slate = encode_slate(duration, stopping_))
        for (auto& c : channels_) c->set_slate(slate, duration);
    if (stopping_) return;
    for (auto& r : relays_) r->start();
    loop_->every(std::chrono::milliseconds(100), [this] { tick(); });
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
    log::info("media: stopped");
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

std::shared_ptr<const std::string> media_service::playlist(std::string_view hall) const {
    const auto* c = find(hall);
    if (!c) return nullptr;
    const auto snap = c->snapshot();
    return snap ? snap->playlist : nullptr;
}

std::shared_ptr<const std::string> media_service::segment(std::string_view hall, std::string_view name) const {
    const auto* c = find(hall);
    if (!c) return nullptr;
    const auto snap = c->snapshot();
    return snap ? snap->find(name) : nullptr;
}

void media_service::notify(const std::string& hall, stream_status status) {
    if (stopping_) return;
    for (const auto& s : subscribers_)
        boost::asio::post(s.executor, [handler = s.handler, hall, status] { handler(hall, status); });
}

}  // namespace veche::media
