#include "media/hall_relay.hpp"

#include "common/log.hpp"
#include "media/audio_packer.hpp"
#include "media/demux_linker.hpp"
#include "media/gst_support.hpp"
#include "media/pipeline_description.hpp"

#include <atomic>
#include <functional>

namespace veche::media {
namespace {

// What an appsink callback needs to hand a sample to the media thread. It holds a reference on the context:
// a pipeline on its way down may still push a sample after the media thread has ended.
struct sink_route {
    hall_relay* relay;
    std::uint64_t generation;
    GMainContext* context;
    std::optional<std::size_t> rung;  // none: the top
};

void free_route(gpointer data) {
    auto* route = static_cast<sink_route*>(data);
    g_main_context_unref(route->context);
    delete route;
}

struct sample_delivery {
    hall_relay* relay;
    std::uint64_t generation;
    std::optional<std::size_t> rung;
    GstSample* sample;
};

gboolean deliver_sample(gpointer data) {
    auto* d = static_cast<sample_delivery*>(data);
    d->relay->on_sample(d->generation, d->rung, d->sample);
    return G_SOURCE_REMOVE;
}

void free_delivery(gpointer data) {
    auto* d = static_cast<sample_delivery*>(data);
    gst_sample_unref(d->sample);
    delete d;
}

// Streaming thread: never touch the relay here, only queue the sample for the media thread.
GstFlowReturn on_new_sample(GstAppSink* sink, gpointer data) {
    const auto* route = static_cast<const sink_route*>(data);
    GstSample* sample = gst_app_sink_pull_sample(sink);
    if (!sample) return GST_FLOW_OK;
    g_main_context_invoke_full(route->context, G_PRIORITY_DEFAULT, deliver_sample,
                               new sample_delivery{route->relay, route->generation, route->rung, sample}, free_delivery);
    return GST_FLOW_OK;
}

gboolean on_bus_message(GstBus*, GstMessage* message, gpointer relay) {
    static_cast<hall_relay*>(relay)->on_message(message);
    return G_SOURCE_CONTINUE;
}

// The media thread's context, referenced: what holds it may call in after the media thread has ended (a
// state change finishing, a pipeline on its way down), and the call is then simply never dispatched.
using context_ref = std::shared_ptr<GMainContext>;

context_ref ref_context(GMainContext* context) { return {g_main_context_ref(context), g_main_context_unref}; }

// Runs fn on the media thread.
void invoke_on(const context_ref& context, std::function<void()> fn) {
    g_main_context_invoke_full(
        context.get(), G_PRIORITY_DEFAULT,
        [](gpointer data) {
            (*static_cast<std::function<void()>*>(data))();
            return G_SOURCE_REMOVE;
        },
        new std::function<void()>(std::move(fn)),
        [](gpointer data) { delete static_cast<std::function<void()>*>(data); });
}

void route_samples(GstBin* bin, const char* name, sink_route route) {
    element_ptr sink(gst_bin_get_by_name(bin, name));
    if (!sink) return;
    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = on_new_sample;
    g_main_context_ref(route.context);
    gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &callbacks, new sink_route(route), free_route);
}

struct stream_id_check {
    std::string hall;
    std::string expected;
    std::atomic<unsigned> refused{0};
};

// SRT thread: a listener with a stream id admits only callers that send it (the ids are not logged). A caller
// that retries at once can knock hundreds of times a second: log the 1st, 10th, 100th… refusal only.
gboolean on_caller_connecting(GstElement*, gpointer /* GSocketAddress* */, gchar* stream_id, gpointer data) {
    auto* check = static_cast<stream_id_check*>(data);
    if (stream_id && check->expected == stream_id) return TRUE;
    const auto n = ++check->refused;
    if (n == 1 || n == 10 || n == 100 || n % 1000 == 0)
        log::warn("hall ", check->hall, ": refused an SRT caller with a wrong stream id (", n, " so far)");
    return FALSE;
}

void free_stream_id_check(gpointer data, GClosure*) { delete static_cast<stream_id_check*>(data); }

}  // namespace

hall_relay::hall_relay(core::source_uri source, std::string hall_name, ladder_layout ladder, hall_channel& channel,
                       GMainContext* context, state_worker& states, std::chrono::milliseconds retry,
                       metrics_registry& metrics)
    : source_(std::move(source)),
      hall_name_(std::move(hall_name)),
      ladder_(std::move(ladder)),
      channel_(channel),
      context_(context),
      states_(states),
      retry_(retry),
      reconnects_(metrics.make_counter("veche_media_reconnects_total",
                                       "Times the hall's relay was rebuilt after an error or a lost source",
                                       {{"hall", channel.hall_id()}})) {}

hall_relay::~hall_relay() { tear_down(); }

void hall_relay::start() { build(); }

void hall_relay::stop() {
    stopped_ = true;
    tear_down();
    channel_.stop();
}

void hall_relay::tick(steady_clock::time_point now, wall_clock::time_point wall) {
    if (stopped_) return;
    if (channel_.tick(now, wall) && pipeline_ && rebuild_on_loss_) {
        tear_down();
        rebuild_at_ = now + retry_;
    }
    if (channel_.status() == stream_status::live) failures_ = 0;
    if (!pipeline_ && rebuild_at_ && now >= *rebuild_at_) {
        rebuild_at_.reset();
        reconnects_.inc();
        build();
    }
    if (probes_ && now - figures_at_ >= std::chrono::seconds(1)) count_encoders(now);
}

void hall_relay::count_encoders(steady_clock::time_point now) {
    figures_at_ = now;
    for (std::size_t i = 0; i < ladder_.rungs.size(); ++i) {
        const auto t = probes_->figures(i);
        auto& last = last_figures_.at(i);
        const auto frames = t.frames - last.frames;
        const auto per_frame = frames > 0 ? static_cast<std::int64_t>((t.encode_ns - last.encode_ns) / frames) : 0;
        channel_.ladder().count_encoder(i, frames, t.dropped - last.dropped, per_frame);
        last = t;
    }
}

void hall_relay::build() {
    const auto& hall = channel_.hall_id();
    const auto plan = relay_pipeline(source_, hall_name_, ladder_);
    rebuild_on_loss_ = plan.rebuild_on_loss;
    auto pipeline = parse_pipeline(plan.description, "hall " + hall);
    if (!pipeline) return failed("cannot build the pipeline");
    ++generation_;
    GstBin* bin = GST_BIN(pipeline.get());

    route_samples(bin, "sink", {this, generation_, context_, std::nullopt});
    for (std::size_t i = 0; i < ladder_.rungs.size(); ++i)
        route_samples(bin, rung_element(i, "sink").c_str(), {this, generation_, context_, i});
    if (ladder_.audio_only) route_samples(bin, "audio_sink", {this, generation_, context_, ladder_.rungs.size()});
    // The rungs' copies of the sound that the description links (those of a demuxer are linked as they appear).
    std::vector<std::string> audio_queues{"audio_queue"};
    for (std::size_t i = 0; i < ladder_.rungs.size(); ++i) audio_queues.push_back(rung_element(i, "audio"));
    for (const auto& name : audio_queues)
        if (element_ptr queue(gst_bin_get_by_name(bin, name.c_str())); queue) pack_audio_frames(queue.get());
    if (plan.dynamic_pads) {
        element_ptr demux(gst_bin_get_by_name(bin, "demux"));
        link_demuxer_pads(demux.get(), {hall, !ladder_.rungs.empty(), !ladder_.empty(), ladder_.rungs.size()});
    }
    if (plan.check_stream_id) {
        element_ptr src(gst_bin_get_by_name(bin, "src"));
        g_signal_connect_data(src.get(), "caller-connecting", G_CALLBACK(on_caller_connecting),
                              new stream_id_check{hall, source_.stream_id, {}}, free_stream_id_check, GConnectFlags{});
    }
    if (!ladder_.rungs.empty()) {
        // The plan comes from a streaming thread, when the source's picture size is known.
        auto on_plan = [context = ref_context(context_), relay = this, generation = generation_](const ladder_plan& p) {
            invoke_on(context, [relay, generation, p] { relay->on_plan(generation, p); });
        };
        probes_ = std::make_unique<ladder_probes>(ladder_.rungs, std::move(on_plan));
        probes_->attach(pipeline.get());
        last_figures_.assign(ladder_.rungs.size(), {});
    }
    GstBus* bus = gst_element_get_bus(pipeline.get());
    bus_watch_ = gst_bus_create_watch(bus);
    gst_object_unref(bus);
    g_source_set_callback(bus_watch_, G_SOURCE_FUNC(on_bus_message), this, nullptr);
    g_source_attach(bus_watch_, context_);

    pipeline_ = pipeline.release();
    channel_.source_restarted();
    states_.play(pipeline_, [context = ref_context(context_), relay = this, generation = generation_](bool ok) {
        invoke_on(context, [relay, generation, ok] { relay->on_started(generation, ok); });
    });
}

void hall_relay::on_plan(std::uint64_t generation, const ladder_plan& plan) {
    if (generation == generation_ && !stopped_) channel_.ladder().set_plan(plan);
}

void hall_relay::on_started(std::uint64_t generation, bool ok) {
    if (generation != generation_ || stopped_) return;
    if (!ok) {
        tear_down();
        return failed("the source cannot start (is its port in use, or its server down?)");
    }
    log::info("hall ", channel_.hall_id(), ": relay started (",
              source_.kind == core::source_kind::test ? "test picture" : "source", ")");
}

void hall_relay::tear_down() {
    if (bus_watch_) {
        g_source_destroy(bus_watch_);
        g_source_unref(bus_watch_);
        bus_watch_ = nullptr;
    }
    if (!pipeline_) return;
    ++generation_;
    if (probes_) count_encoders(steady_clock::now());
    probes_.reset();
    states_.stop(pipeline_);
    gst_object_unref(pipeline_);
    pipeline_ = nullptr;
}

void hall_relay::failed(const std::string& what) {
    ++failures_;
    if (failures_ <= 3 || failures_ % 100 == 0)
        log::warn("hall ", channel_.hall_id(), ": ", what, "; retrying in ", retry_.count(), " ms (failure ",
                  failures_, ")");
    rebuild_at_ = steady_clock::now() + retry_;
}

void hall_relay::on_message(GstMessage* message) {
    switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_ERROR: {
        GError* error = nullptr;
        gst_message_parse_error(message, &error, nullptr);
        const std::string text = error ? error->message : "unknown error";
        g_clear_error(&error);
        tear_down();
        failed("source error: " + text);
        break;
    }
    case GST_MESSAGE_EOS:
        tear_down();
        failed("the source ended its stream");
        break;
    default:
        break;
    }
}

void hall_relay::on_sample(std::uint64_t generation, std::optional<std::size_t> rung, GstSample* sample) {
    if (generation != generation_ || stopped_) return;
    const auto now = steady_clock::now();
    const auto wall = wall_clock::now();
    // Buffers between keyframes are handed over together: one append instead of one per TS packet.
    std::string chunk;
    std::optional<std::int64_t> chunk_pts;
    bool chunk_keyframe = false;
    auto flush = [&] {
        if (chunk.empty()) return;
        if (rung) channel_.on_rung_buffer(*rung, chunk, chunk_pts, chunk_keyframe, now);
        else channel_.on_buffer(chunk, chunk_pts, chunk_keyframe, now, wall);
        chunk.clear();
    };
    for_each_buffer(sample, [&](GstBuffer* buffer) {
        const bool keyframe = !GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT);
        if (keyframe || chunk.empty()) {
            flush();
            const auto pts = GST_BUFFER_PTS(buffer);
            chunk_pts = GST_CLOCK_TIME_IS_VALID(pts) ? std::optional<std::int64_t>(static_cast<std::int64_t>(pts))
                                                     : std::nullopt;
            chunk_keyframe = keyframe;
        }
        GstMapInfo map;
        if (!gst_buffer_map(buffer, &map, GST_MAP_READ)) return;
        chunk.append(reinterpret_cast<const char*>(map.data), map.size);
        gst_buffer_unmap(buffer, &map);
    });
    flush();
}

}  // namespace veche::media
