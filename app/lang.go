package app

import (
	"encoding/json"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// fyneStrings translates the few texts that Fyne's own widgets show (entry context menu, the
// default dialog buttons), so that no English appears whatever the system language is.
var fyneStrings = map[string]any{
	"Advanced":          "高级",
	"Cancel":            "取消",
	"Confirm":           "确定",
	"Copy":              "复制",
	"Create Folder":     "新建文件夹",
	"Cut":               "剪切",
	"Enter filename":    "输入文件名",
	"Error":             "错误",
	"Favourites":        "收藏",
	"File":              "文件",
	"Folder":            "文件夹",
	"New Folder":        "新建文件夹",
	"No":                "否",
	"OK":                "确定",
	"Open":              "打开",
	"Paste":             "粘贴",
	"Quit":              "退出",
	"Redo":              "重做",
	"Save":              "保存",
	"Select all":        "全选",
	"Show Hidden Files": "显示隐藏文件",
	"Undo":              "撤销",
	"Yes":               "是",
	"(Parent)":          "（上一级）",
	"file.name":         map[string]string{"other": "名称"},
	"file.parent":       map[string]string{"other": "上一级"},
}

// fyneLocales get our Chinese table: Chinese systems, and English, Fyne's fallback for any
// locale it cannot match (e.g. "C" on a bare Linux).
var fyneLocales = []string{"zh-Hans", "en"}

// chineseOnce is process state by necessity: Fyne's translation registry (fyne.io/fyne/v2/lang)
// is itself global, so adding our table twice — e.g. once per test app — must be prevented here.
var chineseOnce sync.Once

// installChinese makes Fyne's built-in texts Chinese (once per process).
func installChinese() (err error) {
	chineseOnce.Do(func() { err = addChinese() })
	return err
}

func addChinese() error {
	data, err := json.Marshal(fyneStrings)
	if err != nil {
		return err
	}
	for _, l := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(l)); err != nil {
			return err
		}
	}
	return nil
}
