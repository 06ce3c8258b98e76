# نصوص رسائل البريد الإلكتروني (العربية الفصحى، بصيغة الجمع للتوقير).
# المفاتيح والمتغيرات نفسها كما في en/mail.ftl.

## أجزاء مشتركة في كل الرسائل.

greeting = مرحبًا { $name }،
greeting-neutral = مرحبًا،
sign-off = فريق «واحد لكثير»
label-when = الموعد
label-join = رابط الانضمام
when-in-zone = { $when } (بتوقيت { $zone })
manage-intro = لإلغاء تسجيلكم أو الاطلاع عليه، يُرجى فتح الرابط التالي:
manage-link = إلغاء التسجيل أو الاطلاع عليه

## التذكيرات: المدة المتبقية حتى البدء.

starts-in-minutes =
    { $count ->
        [one] بعد دقيقة واحدة
        [two] بعد دقيقتين
        [few] بعد { $count } دقائق
        [many] بعد { $count } دقيقة
       *[other] بعد { $count } دقيقة
    }
starts-in-hours =
    { $count ->
        [one] بعد ساعة واحدة
        [two] بعد ساعتين
        [few] بعد { $count } ساعات
        [many] بعد { $count } ساعة
       *[other] بعد { $count } ساعة
    }
starts-in-days =
    { $count ->
        [one] بعد يوم واحد
        [two] بعد يومين
        [few] بعد { $count } أيام
        [many] بعد { $count } يومًا
       *[other] بعد { $count } يوم
    }

## رسالة لكل نوع: الموضوع، والجملة الأولى بعد التحية.

invite =
    .subject = دعوة: { $title } · { $when }
    .body = تم تسجيلكم في «{ $title }» بتقديم { $host }.
promoted =
    .subject = أصبح لكم مقعد: { $title } · { $when }
    .body = شغر مقعد وأصبح من نصيبكم: تم تسجيلكم الآن في «{ $title }» بتقديم { $host }.
updated =
    .subject = تحديث: { $title } · { $when }
    .body = طرأ تغيير على «{ $title }». تُحدِّث هذه الرسالة الدعوة الموجودة في تقويمكم.
cancelled =
    .subject = إلغاء: { $title }
    .body = تم إلغاء تسجيلكم في «{ $title }». تزيل هذه الرسالة الموعد من تقويمكم.
webinar-cancelled =
    .subject = إلغاء من قِبل المُنظِّم: { $title }
    .body = تعذّر على { $host } عقد «{ $title }»، لذا تم إلغاؤه. نعتذر لكم عن ذلك. تزيل هذه الرسالة الموعد من تقويمكم.
waitlisted =
    .subject = قائمة الانتظار: { $title } (المرتبة { $position })
    .body = اكتمل عدد المقاعد في «{ $title }»، لذا أُدرج اسمكم في قائمة الانتظار في المرتبة { $position }. عندما يشغر مقعد، يحصل عليه تلقائيًا صاحب المرتبة الأولى في القائمة، وتصله الدعوة عبر البريد الإلكتروني.
left-waitlist =
    .subject = لم يعد اسمكم في قائمة الانتظار: { $title }
    .body = لم يعد اسمكم مدرجًا في قائمة الانتظار الخاصة بـ«{ $title }».
reminder =
    .subject = تذكير: «{ $title }» يبدأ { $delay }
    .body = نودّ تذكيركم بأن «{ $title }» بتقديم { $host } يبدأ { $delay }.

## قائمة انتظار مديري نجاح العملاء (CSM).

queued =
    .subject = طلبكم لساعة مع أحد مديري نجاح العملاء في قائمة الانتظار (المرتبة { $position })
    .body = شكرًا لكم: طلبكم لساعة مع أحد مديري نجاح العملاء (CSM) لدينا بشأن «{ $topic }» مُدرج في قائمة الانتظار، في المرتبة { $position }. تُعالَج الطلبات حسب ترتيب وصولها، وبمجرد أن تتوفر ساعة لكم تصلكم الدعوة عبر البريد الإلكتروني.
appointment =
    .subject = موعدكم مع { $host } · { $when }
    .body = تم حجز ساعتكم مع { $host }، وسيدور الحديث حول «{ $topic }».
appointment-host =
    .subject = ساعة مع عميل: { $topic } · { $when }
    .body = تم حجز ساعة لكم مع أحد العملاء، { $customer }، للحديث عن «{ $topic }». وضع العميل: { $situation }
appointment-cancelled =
    .subject = إلغاء: { $title }
    .body = تم إلغاء الموعد «{ $title }»، وتزيله هذه الرسالة من تقويمكم.
appointment-cancelled-host =
    .subject = إلغاء: { $title }
    .body = تم إلغاء الموعد «{ $title }»، وتزيله هذه الرسالة من تقويمكم.
queue-confirm =
    .subject = يُرجى تأكيد طلبكم لساعة مع أحد مديري نجاح العملاء
    .title = يُرجى تأكيد طلبكم
    .body = طلب أحدهم، ونأمل أن تكونوا أنتم، ساعةً مع أحد مديري نجاح العملاء (CSM) لدينا باستخدام هذا العنوان. لن يُدرج الطلب في قائمة الانتظار إلا بعد تأكيدكم له.
    .confirm-intro = للتأكيد، يُرجى فتح هذا الرابط وتأكيد الطلب من هناك:
    .confirm-link = فتح الطلب لتأكيده
    .not-you = إن لم تكونوا أنتم من قدّم هذا الطلب، فيُرجى تجاهل هذه الرسالة: لم يُحجز أي شيء، وتنتهي صلاحية الطلب يوم { $when } (بتوقيت { $zone }).

## عناصر التنسيق وبيانات الموعد في التقويم.

labelled = { $label }: { $value }
time-span = { $date } من { $start } إلى { $end }
date-span = { $start } – { $end }
appointment-title = ساعة مع { $host } – { $topic }
appointment-title-host = موعد مع العميل { $customer } – { $topic }
customer-with-company = { $customer } ({ $company })
label-customer = العميل
label-topic = الموضوع
label-manage = إدارة تسجيلكم
