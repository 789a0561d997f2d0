// ksim-gui: the GLFW + OpenGL3 + Dear ImGui shell (example_glfw_opengl3's pattern): init, loop
// (poll, frame loop, NewFrame, views, Render, screenshots), shutdown. See docs/gui.md.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "gui/app/app_session.h"
#include "gui/app/frame_loop.h"
#include "gui/app/screenshot.h"
#include "gui/model/at_target.h"
#include "gui/model/key_codes.h"
#include "gui/model/preview.h"
#include "gui/model/save_session.h"
#include "gui/views/theme.h"
#include "gui/views/ui.h"
#include "gui/views/ui_driver.h"

namespace kg = ksim::gui;
static_assert(kg::kKeySpace == GLFW_KEY_SPACE && kg::kKeyRight == GLFW_KEY_RIGHT &&
              kg::kKeyPageDown == GLFW_KEY_PAGE_DOWN && kg::kKeyF12 == GLFW_KEY_F12 &&
              kg::kKeySlash == GLFW_KEY_SLASH && kg::kKeyTab == GLFW_KEY_TAB &&
              kg::kKeyEnd == GLFW_KEY_END && kg::kKeyF5 == GLFW_KEY_F5 && 'K' == GLFW_KEY_K);

namespace {

struct Shell {
  kg::AppOptions options;
  GLFWwindow* window = nullptr;
  std::unique_ptr<kg::Session> session;
  kg::UiState state;
  bool fonts_built = false;
};

bool open_session(Shell& shell, const std::string& scenario, const std::string& fixture) {
  auto factory = kg::make_factory(scenario, fixture, shell.options.seed);
  if (!factory) {
    std::fprintf(stderr, "ksim-gui: %s\n", factory.status().to_string().c_str());
    return false;
  }
  auto session = std::make_unique<kg::Session>(*factory);
  session->set_param_factory(kg::make_param_factory(scenario, shell.options.seed));
  ksim::Status s = session->restart();
  if (!s.is_ok()) {
    std::fprintf(stderr, "ksim-gui: %s\n", s.to_string().c_str());
    return false;
  }
  // The story ahead, before the first frame (its totals, chapter menu, --at targets); a story
  // too long for the preview's budget falls back to what has been seen ("+").
  session->update_preview(kg::StoryPreview::kLoadEvents);
  shell.session = std::move(session);
  shell.state.narration_seen = 0;
  shell.state.breaks_seen = 0;
  shell.state.cues_seen = 0;
  return true;
}

// --at: open at a time, a chapter or a checkpoint. Error: a message, and false.
bool open_at(Shell& shell) {
  if (shell.options.at.empty()) return true;
  auto target = kg::parse_at(shell.options.at);
  ksim::Status s = target ? kg::jump_to(*shell.session, *target, kg::StoryPreview::kMaxEvents)
                          : target.status();
  if (!s.is_ok()) {
    std::fprintf(stderr, "ksim-gui: --at %s: %s\n", shell.options.at.c_str(),
                 s.message().c_str());
    return false;
  }
  kg::after_jump(*shell.session, shell.state);
  return true;
}

void apply_presentation_if_needed(Shell& shell, kg::Ui& ui) {
  if (shell.fonts_built && shell.state.projector_applied == shell.state.projector) return;
  ui.set_unicode_glyphs(kg::apply_presentation({.projector = shell.state.projector,
                                                .font_size = shell.options.font_size}));
  shell.state.projector_applied = shell.state.projector;
  shell.fonts_built = true;
  ImGui_ImplOpenGL3_DestroyFontsTexture();  // the backend uploads the rebuilt atlas
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void after_render(Shell& shell, const kg::UiScriptPlayer::FrameOutput& script) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(shell.window, &w, &h);
  for (const std::string& path : script.screenshots)
    if (!kg::save_screenshot(path, w, h))
      std::fprintf(stderr, "ksim-gui: cannot write %s\n", path.c_str());
  if (shell.state.screenshot_requested) {
    shell.state.screenshot_requested = false;
    std::string path = "ksim-" + std::to_string(shell.session->now()) + "us.png";
    shell.state.status = kg::save_screenshot(path, w, h) ? "saved " + path : "cannot write " + path;
  }
  if (shell.state.save_requested) {
    shell.state.save_requested = false;
    auto saved = kg::write_session_file(*shell.session, kg::session_file_name(*shell.session));
    shell.state.status = saved ? "saved session as " + *saved : saved.status().to_string();
  }
}

std::vector<kg::UiAction> load_script(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto actions = kg::parse_ui_script(text.str());
  if (!actions) {
    std::fprintf(stderr, "ksim-gui: %s\n", actions.status().to_string().c_str());
    std::exit(2);
  }
  return *actions;
}

int run(Shell& shell) {
  kg::Ui ui({.scenarios_dir = shell.options.scenarios_dir});
  kg::UiScriptPlayer player(load_script(shell.options.ui_script));
  bool scripted = !shell.options.ui_script.empty() || shell.options.frames >= 0;
  for (int frame = 0; !glfwWindowShouldClose(shell.window); frame++) {
    glfwPollEvents();
    apply_presentation_if_needed(shell, ui);
    if (shell.state.open_request) {
      open_session(shell, *shell.state.open_request, "");
      shell.state.open_request.reset();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    auto script = player.before_frame(io);  // after the backend wrote the mouse
    if (scripted) io.DeltaTime = 1.0f / 60.0f;  // fixed: frames, not wall time, in tests
    kg::run_frame(*shell.session, shell.state, io.DeltaTime, kg::FrameLoopLimits{});
    ImGui::NewFrame();
    ui.draw(*shell.session, shell.state);
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(shell.window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    bool last = shell.options.frames >= 0 && frame + 1 >= shell.options.frames;
    if (last && !shell.options.screenshot.empty())
      script.screenshots.push_back(shell.options.screenshot);
    after_render(shell, script);
    glfwSwapBuffers(shell.window);
    if (script.quit) break;
    if (last && (shell.options.exit_when_done || player.done())) break;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = kg::parse_app_options(argc, argv);
  if (!options) {
    std::fprintf(stderr, "ksim-gui: %s\n%s", options.status().message().c_str(),
                 kg::app_usage().c_str());
    return 2;
  }
  Shell shell{.options = *options};
  shell.state.projector = options->projector;
  shell.state.playing = options->play;
  shell.state.speed_log10 = std::log10(options->speed);
  if (!open_session(shell, options->scenario, options->fixture)) return 1;
  if (!open_at(shell)) return 2;
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  shell.window = glfwCreateWindow(options->width, options->height, "ksim-gui", nullptr, nullptr);
  if (shell.window == nullptr) {
    std::fprintf(stderr, "ksim-gui: cannot create a window (no display?)\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(shell.window);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // fixed layouts; nothing to restore
  ImGui_ImplGlfw_InitForOpenGL(shell.window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  int rc = run(shell);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(shell.window);
  glfwTerminate();
  return rc;
}
