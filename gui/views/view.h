#pragma once
// The base of every panel (ImHex-style): a final draw() owns Begin/End, so "always call End()"
// is written once; subclasses write draw_content(). Views read the model and emit Commands only
// through ViewContext::issue; transport changes go through UiState::requests.
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "gui/app/ui_state.h"
#include "gui/model/session.h"

namespace ksim::gui {

struct Glyphs {                    // Unicode with DejaVuSans, ASCII with ImGui's default font
  const char* leader = "*";
  const char* follower = "o";
  const char* out_of_isr = "x";
  const char* offline = "-";
  const char* pass = "ok";
  const char* fail = "FAIL";
  const char* committed = "C";
  const char* position = "P";
};
Glyphs glyphs_for(bool unicode);

struct ViewContext {
  Session& session;
  UiState& ui;
  // The one function through which controls act: Session::issue, with the result in ui.status.
  std::function<void(const Command&)> issue;
  Glyphs glyphs;
};

class View {
 public:
  explicit View(std::string title, ImGuiWindowFlags flags = 0)
      : title_(std::move(title)), flags_(flags) {}
  virtual ~View() = default;

  // Begin(title) at the placed rectangle, draw_content(), End(). Skips closed views.
  virtual void draw(ViewContext& ctx) final;
  // For tab panels: the content alone, inside the caller's window.
  void draw_embedded(ViewContext& ctx) { draw_content(ctx); }
  void place(ImVec2 pos, ImVec2 size) { pos_ = pos; size_ = size; placed_ = true; }
  const std::string& title() const { return title_; }
  bool& open() { return open_; }

 protected:
  virtual void draw_content(ViewContext& ctx) = 0;

 private:
  std::string title_;
  ImGuiWindowFlags flags_;
  ImVec2 pos_{0, 0}, size_{0, 0};
  bool placed_ = false;
  bool open_ = true;
};

// A window whose content is a tab bar over other views (no docking in ImGui 1.86).
class TabbedView final : public View {
 public:
  TabbedView(std::string title, std::vector<View*> tabs) : View(std::move(title)), tabs_(tabs) {}
  // Selects a tab by title on the next frame (narration's views={...}); ignored when no tab
  // has that title, so one request can go to every tabbed panel.
  void select(const std::string& title) {
    for (const View* tab : tabs_)
      if (tab->title() == title) select_ = title;
  }
  // The tab whose content was drawn last frame (tests).
  const std::string& current() const { return current_; }

 protected:
  void draw_content(ViewContext& ctx) override;

 private:
  std::vector<View*> tabs_;
  std::string select_;
  std::string current_;
};

// "(?)" with a tooltip quoting Kafka's meaning (style.md: a HelpMarker on every metric).
void help_marker(const char* text);
// A line of text centred in the current window's remaining width (empty states).
void empty_state(const char* text);

}  // namespace ksim::gui
