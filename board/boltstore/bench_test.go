package boltstore_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boltstore"
)

// vocab is Vietnamese as a commune news page writes it, most frequent first (Zipf-drawn).
var vocab = strings.Fields(`và của các trẻ em trong cho được công tác năm tháng với là những
thực hiện bảo vệ tổ chức hoạt động xã hội phòng chống tỉnh huyện xã cơ quan đơn vị ban ngành
gia đình chăm sóc trung tâm người dân cán bộ kế hoạch triển khai tuyên truyền nâng cao nhận thức
cấp ủy đảng chính quyền đoàn thể đặc biệt xâm hại bạo lực thông tin hỗ trợ can thiệp kịp thời
hiệu quả đẩy mạnh tai nạn thương tích đuối nước dịp hè hướng về cơ sở phối hợp giữa sở thị thành
phố biện pháp phòng ngừa tập trung huy động nguồn lực nhiệm vụ giáo dục tốt hơn ưu tiên khẳng định
nghị quyết toàn khóa chi bộ tiếp cận dựa trên kết quả đáp ứng quyền cơ bản mặc dù còn gặp không ít
khó khăn kinh tế nhưng giám đốc nhờ đó ngày càng theo thông lệ hàng chọn nhiều nhằm an toàn ngôi nhà
mình roi vọt làm nên yêu thương mạnh lời quát mắng pháp luật nghiêm trị mọi hành vi kiên quyết hãy
lên tiếng để ngăn chặn gọi thông báo tố giác số tiếp nhận lúc nơi chủ đề chung tay điệp dành truyền
thông lào cai sơn la hà giang điện biên yên bái tuyên quang bắc kạn cao bằng lạng sơn thái nguyên
phú thọ vĩnh phúc hội nghị đồng chí đồng bào dân tộc thiểu số vùng sâu vùng xa nông thôn mới
giảm nghèo bền vững việc làm lao động thanh niên phụ nữ cựu chiến binh mặt trận tổ quốc y tế
trạm tiêm chủng vắc xin dịch bệnh sốt xuất huyết học sinh trường lớp khai giảng học bổng đường
giao thông cầu cống thủy lợi mùa vụ lúa ngô chăn nuôi đông xuân bão lũ sạt lở cứu hộ cứu nạn
an ninh trật tự công an dân quân tự vệ bầu cử đại biểu hội đồng nhân dân ủy ban văn bản quyết định
hướng dẫn thủ tục hành chính một cửa dịch vụ công trực tuyến chuyển đổi số điện tử`)

type textGen struct {
	r *rand.Rand
	z *rand.Zipf
}

func newTextGen(seed uint64) *textGen {
	r := rand.New(rand.NewPCG(seed, 42))
	return &textGen{r: r, z: rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))}
}

func (g *textGen) words(min, max int) string {
	n := min + g.r.IntN(max-min+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = vocab[g.z.Uint64()]
	}
	if n > 0 {
		ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	}
	return strings.Join(ws, " ")
}

var (
	fixtureMu  sync.Mutex
	fixtures   = map[int]*board.Board{}
	fixtureDir string
)

func TestMain(m *testing.M) {
	code := m.Run()
	fixtureMu.Lock()
	for _, b := range fixtures {
		b.Close()
	}
	fixtureMu.Unlock()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// fixture is a board with n published threads of generated Vietnamese text, built once per test
// binary run and bulk-loaded in large transactions through the store's own indexing code.
func fixture(tb testing.TB, n int) *board.Board {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	if b, ok := fixtures[n]; ok {
		return b
	}
	if fixtureDir == "" {
		d, err := os.MkdirTemp("", "bangtin-bench-")
		if err != nil {
			tb.Fatal(err)
		}
		fixtureDir = d
	}
	start := time.Now()
	st, err := boltstore.Open(filepath.Join(fixtureDir, fmt.Sprintf("threads-%d.db", n)), boltstore.Options{NoSync: true, InitialMmapSize: 1 << 30})
	if err != nil {
		tb.Fatal(err)
	}
	g := newTextGen(uint64(n))
	t0 := time.Date(2020, 1, 1, 7, 0, 0, 0, time.UTC)
	threads := make([]board.Thread, 0, n)
	for i := range n {
		at := t0.Add(time.Duration(i) * 17 * time.Minute)
		threads = append(threads, board.Thread{
			CategoryID: 1, Title: g.words(6, 12), Summary: g.words(12, 24), Body: g.words(25, 50),
			AuthorName: "Biên tập", Status: board.StatusPublished, Pinned: i%5000 == 7,
			CreatedAt: at, UpdatedAt: at, PublishedAt: at,
		})
	}
	if err := st.Load(threads); err != nil {
		tb.Fatal(err)
	}
	b, err := board.New(st, board.Options{FlushInterval: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	fixtures[n] = b
	if fi, err := os.Stat(st.Path()); err == nil {
		tb.Logf("fixture of %d threads: %s, %d MiB", n, time.Since(start).Round(time.Millisecond), fi.Size()>>20)
	}
	return b
}

// BenchmarkPostComment posts approved comments (fsynced before each returns) from 1 and from
// 64 concurrent writers; comments/s is the figure to compare.
func BenchmarkPostComment(b *testing.B) {
	for _, writers := range []int{1, 64} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			st, err := boltstore.Open(filepath.Join(b.TempDir(), boltstore.FileName), boltstore.Options{})
			if err != nil {
				b.Fatal(err)
			}
			bd, err := board.New(st, board.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer bd.Close()
			th, err := bd.CreateThread(ctx, board.System, board.ThreadInput{Title: "Tin", Body: "nội dung"})
			if err != nil {
				b.Fatal(err)
			}
			staff := board.Identity{Login: "staff", Role: board.RoleStaff}
			in := board.CommentInput{ThreadID: th.ID, Name: "Nguyễn Văn A", Title: "Ý kiến", Body: "Đề nghị xã sửa lại đường liên thôn trước mùa mưa."}
			var next atomic.Int64
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for next.Add(1) <= int64(b.N) {
						if _, err := bd.PostComment(ctx, staff, in); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "comments/s")
		})
	}
}

// BenchmarkListThreads reads the first page of 20 (and a page deep in the list by cursor) at
// 100 and at 100,000 threads.
func BenchmarkListThreads(b *testing.B) {
	fixture(b, 100)
	fixture(b, 100_000)
	runtime.GC()
	for _, n := range []int{100, 100_000} {
		bd := fixture(b, n)
		guest := board.Identity{}
		b.Run(fmt.Sprintf("threads=%d", n), func(b *testing.B) {
			for b.Loop() {
				p, err := bd.ListThreads(ctx, guest, board.ThreadQuery{PerPage: 20})
				if err != nil || len(p.Threads) != 20 || p.Total != n {
					b.Fatalf("page: %d threads of %d, %v", len(p.Threads), p.Total, err)
				}
			}
		})
		p, err := bd.ListThreads(ctx, guest, board.ThreadQuery{PerPage: 20, Page: 3})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("threads=%d/cursor", n), func(b *testing.B) {
			for b.Loop() {
				p2, err := bd.ListThreads(ctx, guest, board.ThreadQuery{PerPage: 20, Cursor: p.Next})
				if err != nil || len(p2.Threads) != 20 {
					b.Fatalf("page: %d, %v", len(p2.Threads), err)
				}
			}
		})
	}
}

// BenchmarkListRatio alternates a first page at 100 and at 100,000 threads in one loop, so that
// the load of a shared machine weighs on both alike, and reports each mean and their ratio.
func BenchmarkListRatio(b *testing.B) {
	small, large := fixture(b, 100), fixture(b, 100_000)
	runtime.GC()
	var ts, tl time.Duration
	q := board.ThreadQuery{PerPage: 20}
	for b.Loop() {
		start := time.Now()
		p1, err1 := small.ListThreads(ctx, board.Identity{}, q)
		mid := time.Now()
		p2, err2 := large.ListThreads(ctx, board.Identity{}, q)
		tl += time.Since(mid)
		ts += mid.Sub(start)
		if err1 != nil || err2 != nil || len(p1.Threads) != 20 || len(p2.Threads) != 20 {
			b.Fatal(err1, err2)
		}
	}
	b.ReportMetric(float64(ts.Microseconds())/float64(b.N), "µs/page@100")
	b.ReportMetric(float64(tl.Microseconds())/float64(b.N), "µs/page@100000")
	b.ReportMetric(float64(tl)/float64(ts), "ratio")
}

// searchQueries mix frequent and rare words, whole words and prefixes, with and without
// diacritics.
var searchQueries = []string{
	"tre em", "TRẺ EM", "trẻ em", "bảo vệ trẻ em", "phong chong", "dong", "lào cai", "lao cai",
	"tiêm chủng", "vac xin", "bão lũ", "sat lo", "hội đồng nhân dân", "chuyen doi so", "giam ngheo",
	"thanh niên", "cứu hộ", "an ninh trat tu", "học bổng", "xâm hại", "tuyen truyen", "dịch vụ công",
	"đuối nước", "thủy lợi", "bầu cử", "trườ", "nông thôn mới", "quyết định",
}

// BenchmarkSearch runs a first page of results over 100,000 threads and reports the median.
func BenchmarkSearch(b *testing.B) {
	bd := fixture(b, 100_000)
	b.Run("threads=100000", func(b *testing.B) {
		var times []time.Duration
		i := 0
		for b.Loop() {
			q := searchQueries[i%len(searchQueries)]
			i++
			start := time.Now()
			p, err := bd.Search(ctx, q, 1, 20)
			times = append(times, time.Since(start))
			if err != nil || p.Total == 0 {
				b.Fatalf("search %q: %d results, %v", q, p.Total, err)
			}
		}
		slices.Sort(times)
		b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
	})
}
