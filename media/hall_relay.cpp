#include "media/hall_relay.hpp"

#include "common/log.hpp"
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
};

void free_route(gpointer data) {
    auto* route = static_cast<sink_route*>(data);
    g_main_context_unref(route->context);
    delete route;
}


struct sample_delivery {
    hall_relay* relay;
    std::uint64_t generation;
    GstSample* sample;
};

gboolean deliver_sample(gpointer data) {
    auto* d = static_cast<sample_delivery*>(data);
    d->relay->on_sample(d->generation, d->sample);
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
                               new sample_delivery{route->relay, route->generation, sample}, free_delivery);
    return GST_FLOW_OK;
}

gboolean on_bus_message(GstBus*, GstMessage* message, gpointer relay) {
    static_cast<hall_relay*>(relay)->on_message(message);
    return G_SOURCE_CONTINUE;
}

void free_string(gpointer data, GClosure*) { delete static_cast<std::string*>(data); }

stream_caps caps_of(GstPad* pad) {
    stream_caps out;
    GstCaps* caps = gst_pad_get_current_caps(pad);
    if (!caps) caps = gst_pad_query_caps(pad, nullptr);
    if (!caps) return out;
    if (const GstStructure* s = gst_caps_get_structure(caps, 0)) {
        out.name = gst_structure_get_name(s);
        if (const gchar* media = gst_structure_get_string(s, "media")) out.media = media;
        if (const gchar* encoding = gst_structure_get_string(s, "encoding-name")) out.encoding_name = encoding;
        gst_structure_get_int(s, "mpegversion", &out.mpegversion);
    }
    gst_caps_unref(caps);
    return out;
}

// Streaming thread: a demuxer found a stream. Relay H.264 and AAC (MP3) to the muxer, drop the rest.
void on_pad_added(GstElement* demux, GstPad* pad, gpointer hall_id) {
    const auto& hall = *static_cast<const std::string*>(hall_id);
    const auto caps = caps_of(pad);
    const auto branch = branch_description(caps);
    element_ptr pipeline(GST_ELEMENT(gst_element_get_parent(demux)));
    if (!pipeline) return;
    GError* error = nullptr;
    GstElement* bin = gst_parse_bin_from_description(
        branch.empty() ? "fakesink sync=false async=false" : branch.c_str(), TRUE, &error);
    if (!bin || error) {
        log::error("hall ", hall, ": cannot relay ", caps.name, ": ", error ? error->message : "no element");
        g_clear_error(&error);
        return;
    }
    gst_bin_add(GST_BIN(pipeline.get()), bin);
    GstPad* sink_pad = gst_element_get_static_pad(bin, "sink");
    const bool linked = gst_pad_link(pad, sink_pad) == GST_PAD_LINK_OK;
    gst_object_unref(sink_pad);
    if (linked && !branch.empty()) {
        element_ptr mux(gst_bin_get_by_name(GST_BIN(pipeline.get()), "mux"));
        GstPad* mux_pad = gst_element_request_pad_simple(mux.get(), "sink_%d");
        GstPad* src_pad = gst_element_get_static_pad(bin, "src");
        if (gst_pad_link(src_pad, mux_pad) != GST_PAD_LINK_OK)
            log::warn("hall ", hall, ": the muxer refused ", caps.name);
        gst_object_unref(src_pad);
        gst_object_unref(mux_pad);
    }
    gst_element_sync_state_with_parent(bin);
    log::info("hall ", hall, ": ", branch.empty() ? "ignoring " : "relaying ", caps.name,
              caps.encoding_name.empty() ? "" : " " + caps.encoding_name);
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

hall_relay::hall_relay(config::source_uri source, std::string hall_name, hall_channel& channel, GMainContext* context,
                       state_worker& states, std::chrono::milliseconds retry, metrics_registry& metrics)
    : source_(std::move(source)),
      hall_name_(std::move(hall_name)),
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
}

void hall_relay::build() {
    const auto& hall = channel_.hall_id();
    const auto plan = relay_pipeline(source_, hall_name_);
    rebuild_on_loss_ = plan.rebuild_on_loss;
    auto pipeline = parse_pipeline(plan.description, "hall " + hall);
    if (!pipeline) return failed("cannot build the pipeline");
    ++generation_;
    GstBin* bin = GST_BIN(pipeline.get());

    element_ptr sink(gst_bin_get_by_name(bin, "sink"));
    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = on_new_sample;
    gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &callbacks,
                               new sink_route{this, generation_, g_main_context_ref(context_)}, free_route);
    if (plan.dynamic_pads) {
        element_ptr demux(gst_bin_get_by_name(bin, "demux"));
        g_signal_connect_data(demux.get(), "pad-added", G_CALLBACK(on_pad_added), new std::string(hall), free_string,
                              GConnectFlags{});
    }
    if (plan.check_stream_id) {
        element_ptr src(gst_bin_get_by_name(bin, "src"));
        g_signal_connect_data(src.get(), "caller-connecting", G_CALLBACK(on_caller_connecting),
                              new stream_id_check{hall, source_.stream_id, {}}, free_stream_id_check, GConnectFlags{});
    }
    GstBus* bus = gst_element_get_bus(pipeline.get());
    bus_watch_ = gst_bus_create_watch(bus);
    gst_object_unref(bus);
    g_source_set_callback(bus_watch_, G_SOURCE_FUNC(on_bus_message), this, nullptr);
    g_source_attach(bus_watch_, context_);

    pipeline_ = pipeline.release();
    channel_.source_restarted();
    // The answer comes back through the media thread's context, which the callback keeps alive: after a
    // shutdown it is simply never dispatched.
    std::shared_ptr<GMainContext> context(g_main_context_ref(context_), g_main_context_unref);
    states_.play(pipeline_, [context, relay = this, generation = generation_](bool ok) {
        g_main_context_invoke_full(
            context.get(), G_PRIORITY_DEFAULT,
            [](gpointer data) {
                (*static_cast<std::function<void()>*>(data))();
                return G_SOURCE_REMOVE;
            },
            new std::function<void()>([relay, generation, ok] { relay->on_started(generation, ok); }),
            [](gpointer data) { delete static_cast<std::function<void()>*>(data); });
    });
}

void hall_relay::on_started(std::uint64_t generation, bool ok) {
    if (generation != generation_ || stopped_) return;
    if (!ok) {
        tear_down();
        return failed("the source cannot start (is its port in use, or its server down?)");
    }
    log::info("hall ", channel_.hall_id(), ": relay started (",
              source_.kind == config::source_kind::test ? "test picture" : "source", ")");
}

void hall_relay::tear_down() {
    if (bus_watch_) {
        g_source_destroy(bus_watch_);
        g_source_unref(bus_watch_);
        bus_watch_ = nullptr;
    }
    if (!pipeline_) return;
    ++generation_;
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

void hall_relay::on_sample(std::uint64_t generation, GstSample* sample) {
    if (generation != generation_ || stopped_) return;
    const auto now = steady_clock::now();
    const auto wall = wall_clock::now();
    // Buffers between keyframes are handed over together: one append instead of one per TS packet.
    std::string chunk;
    std::optional<std::int64_t> chunk_pts;
    bool chunk_keyframe = false;
    auto flush = [&] {
        if (!chunk.empty()) channel_.on_buffer(chunk, chunk_pts, chunk_keyframe, now, wall);
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
