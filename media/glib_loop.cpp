#include "media/glib_loop.hpp"

#include <glib.h>


namespace veche::media {
namespace {

using task = std::function<void()>;

gboolean run_once(gpointer data) {
    (*static_cast<task*>(data))();
    return G_SOURCE_REMOVE;
}

gboolean run_again(gpointer data) {
    (*static_cast<task*>(data))();
    return G_SOURCE_CONTINUE;
}

void delete_task(gpointer data) { delete static_cast<task*>(data); }

}  // namespace

glib_loop::glib_loop() : context_(g_main_context_new()), loop_(g_main_loop_new(context_, FALSE)) {}

glib_loop::~glib_loop() {
    stop();
    g_main_loop_unref(loop_);
    g_main_context_unref(context_);
}

void glib_loop::start() {
    thread_ = std::thread([this] {
        g_main_context_push_thread_default(context_);
        g_main_loop_run(loop_);
        g_main_context_pop_thread_default(context_);
    });
}

void glib_loop::post(std::function<void()> fn) {
    g_main_context_invoke_full(context_, G_PRIORITY_DEFAULT, run_once, new task(std::move(fn)), delete_task);
}

void glib_loop::every(std::chrono::milliseconds interval, std::function<void()> fn) {
    GSource* source = g_timeout_source_new(static_cast<guint>(interval.count()));
    g_source_set_callback(source, run_again, new task(std::move(fn)), delete_task);
    g_source_attach(source, context_);
    g_source_unref(source);
}

void glib_loop::stop() {
    if (!thread_.joinable()) return;
    // Quitting from inside the loop, after what was posted before, so teardown posts run first.
    post([this] { g_main_loop_quit(loop_); });
    thread_.join();
}

}  // namespace veche::media
